// The experiment spec, its validation, and the runners the CLI calls.

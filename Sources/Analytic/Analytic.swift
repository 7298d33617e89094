// Learning coefficients known in closed form, each with its source.

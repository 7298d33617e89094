// Statistical models (loss and gradient on a batch), datasets and priors.

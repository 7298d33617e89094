// The seed experiments: SGD ensembles, Langevin dynamics, random walks, hypersphere diffusion.

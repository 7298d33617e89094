// The seed experiments: random walks on glued cycles, overdamped Langevin
// dynamics on the torus potential, Brownian motion on hyperspheres, Kaiming
// shells and Householder perturbations (docs/seed-experiments.md).

// Sparse multivariate polynomials with exact exponents: parser, expansion,
// compiled evaluation, gradients and Newton polyhedra.

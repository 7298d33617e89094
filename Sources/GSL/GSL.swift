// The Swift face of GNU GSL: random streams, integration, fitting, statistics
// and special functions. Every GSL status becomes a thrown `GSLError`; GSL's
// default abort-on-error handler is switched off once, at first use
// (`GSLRuntime.ready`), before any GSL call.
//
// Chapters (as the GSL manual groups them):
// - `RandomStream`: seeded mt19937 streams, one per chain, splittable by index.
// - `Integration`: QAGS, QAGI/QAGIU/QAGIL, CQUAD, iterated 2-D/3-D quadrature,
//   Monte Carlo PLAIN, MISER and VEGAS.
// - `LeastSquares`: linear (weighted) multifit and nonlinear trust-region fits.
// - `Statistics`, `SpecialFunctions`, `Minimizer`.

// The Swift face of GNU GSL: random streams, integration, fitting, statistics
// and special functions. Every GSL status becomes a thrown `GSLError`.

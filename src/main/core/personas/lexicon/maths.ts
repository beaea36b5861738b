// Mathematics and physics homework: algebra, calculus, proofs, probability puzzles. No persona of
// a coding team covers it; evidence here counts for "none of these" unless a persona claims it.
import { termList, type LexiconDomain } from './types.ts'

export const maths: LexiconDomain = {
  id: 'maths',
  strong: termList(`
    mathematics, algebra, abstract algebra, calculus, integral, integrals, derivative, derivatives,
    differentiate, differential equation, differential equations, ode, pde, antiderivative,
    limit of, taylor series, fourier series, power series, convergent, divergent, theorem, lemma,
    corollary, proof by induction, induction step, by contradiction, counterexample, axiom, axioms,
    eigenvalue, eigenvalues, eigenvector, eigenvectors, determinant, matrix inverse, quadratic,
    quadratic equation, cubic, logarithm, logarithms, exponent, exponents, trigonometry, sine,
    cosine, tangent, hypotenuse, pythagorean, prime number, prime numbers, primes, divisible,
    divisibility, modular arithmetic, gcd, lcm, factorial, permutation, permutations,
    combinatorics, binomial coefficient, pigeonhole, probability puzzle, dice, die roll, coin flip,
    coin flips, coin toss, deck of cards, expected value, irrational, rational number,
    real numbers, complex number, complex numbers, imaginary number, number theory, set theory,
    topology, group theory, vector space, manifold, solve for x, simplify the, expression,
    compound interest, projectile, friction, newton's law, pendulum, physics homework, km/h, mph,
    integration by parts, kinetic energy, potential energy,
  `),
  medium: termList(`
    math, maths, mathematical, compute by hand, sum of, infinity, variable x, square root,
    homework, textbook, prove, proof, geometry, polynomial, linear algebra, equation, equations,
    fraction, fractions, homework,
  `),
  weak: termList(`
    percent, percentage, probability, triangle, circle,
  `),
}

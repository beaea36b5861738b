// Mathematics and physics homework: algebra, calculus, proofs, probability puzzles. No persona of
// a coding team covers it; evidence here counts for "none of these" unless a persona claims it.
import { termList, type LexiconDomain } from './types.ts'

export const maths: LexiconDomain = {
  id: 'maths',
  strong: termList(`
    mathematics, algebra, linear algebra, abstract algebra, calculus, integral, integrals,
    integrate, integration by parts, derivative, derivatives, differentiate, differential equation,
    differential equations, ode, pde, antiderivative, limit of, taylor series, fourier series,
    power series, convergent, divergent, theorem, lemma, corollary, proof, prove, proving,
    proof by induction, induction step, by contradiction, counterexample, axiom, axioms, eigenvalue,
    eigenvalues, eigenvector, eigenvectors, determinant, matrix inverse, polynomial, polynomials,
    quadratic, quadratic equation, cubic, logarithm, logarithms, exponent, exponents, trigonometry,
    sine, cosine, tangent, hypotenuse, pythagorean, geometry, triangle, triangles, circle area,
    radius, diameter, circumference, perimeter, prime number, prime numbers, primes, divisible,
    divisibility, modular arithmetic, gcd, lcm, factorial, permutation, permutations, combination,
    combinations, combinatorics, binomial coefficient, pigeonhole, probability puzzle, dice, die roll,
    coin flip, coin flips, coin toss, deck of cards, expected value, irrational, rational number,
    real numbers, complex number, complex numbers, imaginary number, number theory, set theory,
    topology, group theory, vector space, manifold, equation, equations, solve for x, simplify the
    expression, fraction, fractions, percent, percentage, compound interest, arithmetic,
    velocity, acceleration, projectile, momentum, kinetic energy, potential energy, friction,
    newton's law, gravity, pendulum, physics homework, km/h, mph,
  `),
  medium: termList(`
    math, maths, mathematical, formula, formulas, calculate, calculation, compute by hand, sum of,
    series, sequence, infinite, infinity, probability, odds, ratio, variable x, graph of, slope,
    area, volume of, angle, angles, degrees, radians, square root, exponential, homework, exam,
    textbook, lecture, intuition, intuitively, symmetric, orthogonal, vector, vectors, scalar,
  `),
  weak: termList(`
    number, numbers, digit, digits, sum, product, average, mean, estimate,
  `),
}

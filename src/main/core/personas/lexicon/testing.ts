// Testing and QA: test runners, browser automation, mocking, coverage and flakiness.
import { termList, type LexiconDomain } from './types.ts'

export const testing: LexiconDomain = {
  id: 'testing',
  strong: termList(`
    unit test, unit tests, unit testing, integration test, integration tests, e2e, end-to-end test,
    end-to-end tests, jest, vitest, mocha, chai, jasmine, karma, pytest, unittest, junit, testng,
    rspec, minitest, phpunit, xunit, nunit, cypress, playwright, selenium, webdriver, puppeteer,
    testing library, react testing library, enzyme, msw, mock service worker, mockito, sinon,
    test coverage, code coverage, flaky test, flaky tests, snapshot test, snapshot testing, tdd,
    bdd, cucumber, gherkin, qa, test case, test cases, test suite, test runner, test double,
    .test.ts, .spec.ts, .test.js, .spec.js, test_*.py, conftest.py, property-based testing,
    mutation testing, load testing, k6, jmeter, locust, contract testing, pact,
  `),
  medium: termList(`
    test, tests, testing, tested, mock, mocks, mocking, stub, stubs, spy, spies, fixture, fixtures,
    assertion, assertions, assert, expect, coverage, flaky, regression test, smoke test, qa team,
  `),
  weak: termList(`
    verify, check, checks, reproduce, repro,
  `),
}

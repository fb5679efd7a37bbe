// mocha's dot reporter plus the plain closing line "N passed, N failed" that CI counts.
const Mocha = require('mocha');
const Base = (Mocha.default ?? Mocha).reporters.Dot;

class CountingReporter extends Base {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const { passes, failures, pending } = this.stats;
      console.log(`unit: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
    });
  }
}

module.exports = CountingReporter;

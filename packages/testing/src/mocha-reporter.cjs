// Mocha's spec output, plus one JSON line of counts appended to $SAGA_TEST_SUMMARY when it is set,
// so that a test command running many mocha processes (one per package) can report one total.
// CommonJS: mocha loads reporters with require().
'use strict';
const { appendFileSync } = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.SAGA_TEST_SUMMARY;
      if (!file) return;
      const { passes, failures, pending } = this.stats;
      appendFileSync(file, `${JSON.stringify({ cwd: process.cwd(), passes, failures, pending })}\n`);
    });
  }
}

module.exports = SummaryReporter;

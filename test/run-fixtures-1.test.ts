// Shard 1 of the differential run tests (see test/support/run-fixtures.ts).
import { defineRunFixtureTests } from './support/run-fixtures.js';

defineRunFixtureTests(1);

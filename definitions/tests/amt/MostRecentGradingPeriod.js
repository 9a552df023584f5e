// Dataform unit test(s) of AMT MostRecentGradingPeriod (AMT-SPEC §4.3); rows are written with includes/amt_tests.js.
const { rows, declareTest: declare } = amt_tests;

// The latest begin date key per school (yyyymmdd keys order like dates).
declare(
  "test_MostRecentGradingPeriod_latest_per_school",
  "MostRecentGradingPeriod",
  {
    GradingPeriodDim: rows([
      { SchoolKey: "1", GradingPeriodBeginDateKey: "20240819" },
      { SchoolKey: "1", GradingPeriodBeginDateKey: "20250106" },
      { SchoolKey: "2", GradingPeriodBeginDateKey: "20241021" },
    ]),
  },
  rows([
    { SchoolKey: "1", GradingPeriodBeginDateKey: "20250106" },
    { SchoolKey: "2", GradingPeriodBeginDateKey: "20241021" },
  ]),
);

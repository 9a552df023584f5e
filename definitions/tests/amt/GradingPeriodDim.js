// Dataform unit test(s) of AMT GradingPeriodDim (AMT-SPEC §4.2, §2.2, §2.5); rows are written with includes/amt_tests.js.
const { rows, date, timestamp, none, asOfPlus, sql, declareTest: declare } = amt_tests;

// Keys: k() of code value, school id and yyyymmdd; only periods begun by the as-of date; a record staged
// for two school years counts once, as of the latest year.
const gradingPeriod = (over) => ({
  school_year: 2025, grading_period_descriptor: "First Six Weeks", grading_period_descriptor_uri: "uri://ed-fi.org/GradingPeriodDescriptor#First Six Weeks",
  grading_period_name: "First Six Weeks", school_id: 628530001, school_year_type_school_year: 2012, period_sequence: 1,
  begin_date: date("2011-08-22"), end_date: date("2011-09-30"), total_instructional_days: 29, last_modified_date: timestamp("2024-07-01 10:00:00"), ...over,
});
declare(
  "test_GradingPeriodDim_keys_and_as_of",
  "GradingPeriodDim",
  {
    stg_grading_periods: rows([
      gradingPeriod({}),
      gradingPeriod({ school_year: 2024, total_instructional_days: 1 }),
      gradingPeriod({ grading_period_descriptor: "Today", grading_period_name: "Today", period_sequence: 2, begin_date: asOfPlus(0), end_date: none("DATE") }),
      gradingPeriod({ grading_period_descriptor: "Tomorrow", grading_period_name: "Tomorrow", period_sequence: 3, begin_date: asOfPlus(1) }),
    ]),
  },
  rows([
    { GradingPeriodKey: "First Six Weeks-628530001-20110822", GradingPeriodBeginDateKey: "20110822", GradingPeriodEndDateKey: "20110930", GradingPeriodDescription: "First Six Weeks", TotalInstructionalDays: 29, PeriodSequence: 1, SchoolKey: "628530001", SchoolYear: "2012", LastModifiedDate: timestamp("2024-07-01 10:00:00") },
    { GradingPeriodKey: sql(`'Today-628530001-' || ${dialect.ymd(dialect.asOfDate())}`), GradingPeriodBeginDateKey: sql(dialect.ymd(dialect.asOfDate())), GradingPeriodEndDateKey: none("STRING"), GradingPeriodDescription: "Today", TotalInstructionalDays: 29, PeriodSequence: 2, SchoolKey: "628530001", SchoolYear: "2012", LastModifiedDate: timestamp("2024-07-01 10:00:00") },
  ]),
);

// Dataform unit test(s) of AMT DateDim (AMT-SPEC §4.1); rows are written with includes/amt_tests.js.
const { rows, date, declareTest: declare } = amt_tests;

// Dates with a calendar event only, with their parts.
declare(
  "test_DateDim_parts",
  "DateDim",
  {
    stg_calendar_dates: rows([
      { id: "a", school_year: 2019, calendar_code: "C", school_id: 1, calendar_school_year: 2019, date: date("2018-09-25") },
      { id: "b", school_year: 2019, calendar_code: "C", school_id: 1, calendar_school_year: 2019, date: date("2018-09-26") },
    ]),
    stg_calendar_dates__calendar_events: rows([{ parent_id: "a", school_year: 2019, calendar_code: "C", school_id: 1, calendar_school_year: 2019, date: date("2018-09-25") }]),
  },
  rows([{ DateKey: "20180925", Date: date("2018-09-25"), Day: "25", Month: "09", MonthName: "September", CalendarQuarter: "3", CalendarQuarterName: "Third", CalendarYear: "2018", SchoolYear: "2019" }]),
);

// AMT-SPEC §4.1: every date that carries at least one calendar event, per calendar school year.
const QUARTER_NAMES = ["First", "Second", "Third", "Fourth"];

publish("DateDim", amt.config("DateDim")).query((ctx) =>
  amt.shape(
    "DateDim",
    `SELECT DISTINCT
  ${dialect.ymd("cd.date")} AS DateKey,
  cd.date AS Date,
  ${dialect.formatDate("cd.date", "%d")} AS Day,
  ${dialect.formatDate("cd.date", "%m")} AS Month,
  ${dialect.formatDate("cd.date", "%B")} AS MonthName,
  ${dialect.toText("EXTRACT(QUARTER FROM cd.date)")} AS CalendarQuarter,
  CASE EXTRACT(QUARTER FROM cd.date) ${QUARTER_NAMES.map((name, i) => `WHEN ${i + 1} THEN '${name}'`).join(" ")} END AS CalendarQuarterName,
  ${dialect.formatDate("cd.date", "%Y")} AS CalendarYear,
  ${dialect.toText("cd.calendar_school_year")} AS SchoolYear
FROM ${amt.source(ctx, "stg_calendar_dates")} AS cd
INNER JOIN ${amt.source(ctx, "stg_calendar_dates__calendar_events")} AS ce ON ce.parent_id = cd.id AND ce.school_year = cd.school_year`,
  ),
);

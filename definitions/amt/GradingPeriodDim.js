// AMT-SPEC §4.2: grading periods that have begun by the as-of date. The key embeds the grading period
// descriptor's code value where AMT has the ODS descriptor id (§3.2).
publish("GradingPeriodDim", amt.config("GradingPeriodDim")).query((ctx) =>
  amt.shape(
    "GradingPeriodDim",
    `SELECT
  ${amt.k("gp.grading_period_descriptor", "gp.school_id", dialect.ymd("gp.begin_date"))} AS GradingPeriodKey,
  ${dialect.ymd("gp.begin_date")} AS GradingPeriodBeginDateKey,
  ${dialect.ymd("gp.end_date")} AS GradingPeriodEndDateKey,
  gp.grading_period_descriptor AS GradingPeriodDescription,
  gp.total_instructional_days AS TotalInstructionalDays,
  gp.period_sequence AS PeriodSequence,
  ${dialect.toText("gp.school_id")} AS SchoolKey,
  ${dialect.toText("gp.school_year_type_school_year")} AS SchoolYear,
  gp.last_modified_date AS LastModifiedDate
FROM ${amt.source(ctx, "stg_grading_periods")} AS gp
WHERE gp.begin_date <= ${dialect.asOfDate()}`,
  ),
);

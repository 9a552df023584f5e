// AMT-SPEC §4.18: school year × session × grading period per school, future periods included. A
// session's grading period reference identifies the period by period sequence (DS 4) or by name (DS 5).
publish("AcademicTimePeriodDim", amt.config("AcademicTimePeriodDim")).query((ctx) =>
  amt.shape(
    "AcademicTimePeriodDim",
    `SELECT
  ${amt.k("ses.school_id", "ses.school_year_type_school_year", "ses.term_descriptor", "gp.grading_period_descriptor", dialect.ymd("gp.begin_date"))} AS AcademicTimePeriodKey,
  ${dialect.toText("y.record_school_year")} AS SchoolYear,
  y.school_year_description AS SchoolYearName,
  y.current_school_year AS IsCurrentSchoolYear,
  ${dialect.toText("ses.school_id")} AS SchoolKey,
  ${amt.k("ses.school_id", "ses.school_year_type_school_year", "ses.session_name")} AS SessionKey,
  ses.session_name AS SessionName,
  term.description AS TermName,
  ${amt.k("gp.grading_period_descriptor", "gp.school_id", dialect.ymd("gp.begin_date"))} AS GradingPeriodKey,
  gpd.description AS GradingPeriodName,
  ${dialect.greatestNonNull(["y.last_modified_date", "ses.last_modified_date", "gp.last_modified_date"])} AS LastModifiedDate
FROM ${amt.source(ctx, "stg_school_year_types")} AS y
INNER JOIN ${amt.source(ctx, "stg_sessions")} AS ses ON ses.school_year_type_school_year = y.record_school_year
INNER JOIN ${amt.descriptors(ctx, "term")} AS term ON term.uri = ses.term_descriptor_uri
INNER JOIN ${amt.source(ctx, "stg_sessions__grading_periods")} AS sgp ON sgp.parent_id = ses.id AND sgp.school_year = ses.school_year
INNER JOIN ${amt.source(ctx, "stg_grading_periods")} AS gp
  ON gp.grading_period_descriptor_uri = sgp.grading_period_descriptor_uri AND gp.school_id = sgp.grading_period_school_id
  AND gp.school_year_type_school_year = ses.school_year_type_school_year
  AND COALESCE(gp.grading_period_name = sgp.grading_period_name, gp.period_sequence = sgp.period_sequence)
INNER JOIN ${amt.descriptors(ctx, "gradingPeriod")} AS gpd ON gpd.uri = gp.grading_period_descriptor_uri`,
  ),
);

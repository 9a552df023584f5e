// AMT-SPEC §4.9: the class periods of each section.
publish("ClassPeriodDim", amt.config("ClassPeriodDim")).query((ctx) => {
  const text = dialect.toText;
  return amt.shape(
    "ClassPeriodDim",
    `SELECT
  ${amt.k("cp.class_period_name", "cp.local_course_code", "cp.school_id", "cp.course_offering_school_year", "cp.section_identifier", "cp.session_name")} AS ClassPeriodKey,
  ${amt.k("cp.school_id", "cp.local_course_code", "cp.course_offering_school_year", "cp.section_identifier", "cp.session_name")} AS SectionKey,
  cp.class_period_name AS ClassPeriodName,
  cp.local_course_code AS LocalCourseCode,
  ${text("cp.school_id")} AS SchoolId,
  ${text("cp.school_id")} AS SchoolKey,
  ${text("cp.course_offering_school_year")} AS SchoolYear,
  cp.section_identifier AS SectionIdentifier,
  cp.session_name AS SessionName
FROM ${amt.source(ctx, "stg_sections__class_periods")} AS cp`,
  );
});

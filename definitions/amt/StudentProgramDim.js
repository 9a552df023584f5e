// AMT-SPEC §4.13: base student program associations, once per current enrollment of the student. The
// key embeds the program type's code value where AMT has the descriptor id (§3.2), and the program's
// education organization twice, as AMT does.
publish("StudentProgramDim", amt.config("StudentProgramDim")).query((ctx) =>
  amt.shape(
    "StudentProgramDim",
    `SELECT
  ${amt.k("spa.student_unique_id", "ssa.school_id", "p.program_name", "p.program_type_descriptor", "p.education_organization_id", "spa.program_education_organization_id", dialect.ymd("spa.begin_date"))} AS StudentSchoolProgramKey,
  ${dialect.ymd("spa.begin_date")} AS BeginDateKey,
  ${dialect.toText("p.education_organization_id")} AS EducationOrganizationId,
  ${dialect.toText("p.education_organization_id")} AS EducationOrganizationKey,
  p.program_name AS ProgramName,
  spa.student_unique_id AS StudentKey,
  ${dialect.toText("ssa.school_id")} AS SchoolKey,
  ${amt.k("spa.student_unique_id", "ssa.school_id")} AS StudentSchoolKey,
  ${dialect.greatestNonNull(["st.last_modified_date", "ssa.last_modified_date"])} AS LastModifiedDate
FROM ${amt.source(ctx, "stg_programs")} AS p
INNER JOIN ${amt.source(ctx, "stg_student_program_associations")} AS spa
  ON spa.program_name = p.program_name AND spa.program_type_descriptor_uri = p.program_type_descriptor_uri
  AND spa.program_education_organization_id = p.education_organization_id
INNER JOIN ${amt.source(ctx, "stg_students")} AS st ON st.student_unique_id = spa.student_unique_id
INNER JOIN ${amt.source(ctx, "stg_student_school_associations")} AS ssa ON ssa.student_unique_id = spa.student_unique_id
WHERE ${amt.isCurrent("ssa.exit_withdraw_date")}`,
  ),
);

// AMT-SPEC §9.4: student memberships in cohorts that belong to programs, once per current enrollment.
// The program type's code value stands in for AMT's descriptor id in the keys (§3.2).
if (amt.collectionEnabled("equity")) {
  publish("equity_StudentProgramCohortDim", amt.collectionConfig("equity_StudentProgramCohortDim")).query((ctx) => {
    const program = ["sca.student_unique_id", "ssa.school_id", "p.program_name", "p.program_type_descriptor", "c.education_organization_id", "p.education_organization_id", dialect.ymd("sca.begin_date")];
    return amt.shape(
      "equity_StudentProgramCohortDim",
      `SELECT
  ${amt.k(...program, "c.cohort_identifier")} AS StudentProgramCohortKey,
  ${amt.k(...program)} AS StudentSchoolProgramKey,
  ${amt.k("sca.student_unique_id", "ssa.school_id")} AS StudentSchoolKey,
  gl.description AS EntryGradeLevelDescriptor,
  ct.description AS CohortTypeDescriptor,
  c.cohort_description AS CohortDescription,
  p.program_name AS ProgramName,
  ${dialect.greatestNonNull(["c.last_modified_date", "sca.last_modified_date"])} AS LastModifiedDate
FROM ${amt.source(ctx, "stg_cohorts")} AS c
INNER JOIN ${amt.source(ctx, "stg_cohorts__programs")} AS cp ON cp.parent_id = c.id AND cp.school_year = c.school_year
INNER JOIN ${amt.source(ctx, "stg_programs")} AS p
  ON p.education_organization_id = cp.program_education_organization_id AND p.program_name = cp.program_name
  AND p.program_type_descriptor_uri = cp.program_type_descriptor_uri
INNER JOIN ${amt.source(ctx, "stg_student_cohort_associations")} AS sca
  ON sca.cohort_identifier = c.cohort_identifier AND sca.education_organization_id = c.education_organization_id
${amt.currentEnrollments(ctx, "sca")}
INNER JOIN ${amt.descriptors(ctx, "gradeLevel")} AS gl ON gl.uri = ssa.entry_grade_level_descriptor_uri
INNER JOIN ${amt.descriptors(ctx, "cohortType")} AS ct ON ct.uri = c.cohort_type_descriptor_uri`,
    );
  });
}

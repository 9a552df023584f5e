// AMT-SPEC §4.12: student attributes recorded at the district (district-level student education
// organization association), one row per current enrollment of the student at any school.
publish("StudentLocalEducationAgencyDim", amt.config("StudentLocalEducationAgencyDim")).query((ctx) => {
  const indicators = Object.keys(amt.DISTRICT_INDICATORS).map((column) => `COALESCE(de.${column}, 'n/a') AS ${column}`);
  return amt.shape(
    "StudentLocalEducationAgencyDim",
    `SELECT
  ${amt.k("st.student_unique_id", "de.education_organization_id")} AS StudentLocalEducationAgencyKey,
  st.student_unique_id AS StudentKey,
  ${dialect.toText("de.education_organization_id")} AS LocalEducationAgencyKey,
  st.first_name AS StudentFirstName,
  COALESCE(st.middle_name, '') AS StudentMiddleName,
  st.last_surname AS StudentLastName,
  COALESCE(de.limited_english_proficiency_descriptor, 'Not Applicable') AS LimitedEnglishProficiency,
  COALESCE(de.hispanic_latino_ethnicity, FALSE) AS IsHispanic,
  COALESCE(de.sex_descriptor, '') AS Sex,
  ${indicators.join(",\n  ")},
  ${dialect.greatestNonNull(["ssa.last_modified_date", "st.last_modified_date", "de.last_modified_date"])} AS LastModifiedDate
FROM ${amt.source(ctx, "stg_students")} AS st
INNER JOIN ${amt.source(ctx, "stg_student_school_associations")} AS ssa ON ssa.student_unique_id = st.student_unique_id
INNER JOIN ${amt.seoaWithIndicators(ctx, amt.DISTRICT_INDICATORS)} AS de ON de.student_unique_id = st.student_unique_id
INNER JOIN ${amt.source(ctx, "stg_local_education_agencies")} AS lea ON lea.local_education_agency_id = de.education_organization_id
WHERE ${amt.isCurrent("ssa.exit_withdraw_date")}`,
  );
});

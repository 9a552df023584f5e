// AMT-SPEC §4.7: demographic values recorded on a school-level student education organization
// association, for students currently enrolled at that school (one row per current enrollment).
publish("StudentSchoolDemographicsBridge", amt.config("StudentSchoolDemographicsBridge")).query((ctx) =>
  amt.shape(
    "StudentSchoolDemographicsBridge",
    `SELECT
  dem.DemographicKey || '-' || ssa.student_unique_id || '-' || ${dialect.toText("ssa.school_id")} AS StudentSchoolDemographicBridgeKey,
  ${amt.k("ssa.student_unique_id", "ssa.school_id")} AS StudentSchoolKey,
  dem.DemographicKey
FROM ${amt.seoaDemographics(ctx)} AS dem
INNER JOIN ${amt.source(ctx, "stg_student_school_associations")} AS ssa
  ON ssa.student_unique_id = dem.student_unique_id AND ssa.school_id = dem.education_organization_id
WHERE ${amt.isCurrent("ssa.exit_withdraw_date")}`,
  ),
);

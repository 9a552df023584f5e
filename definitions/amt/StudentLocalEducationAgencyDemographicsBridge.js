// AMT-SPEC §4.8: demographic values recorded on a district-level student education organization
// association, for students currently enrolled at a school of that district.
publish("StudentLocalEducationAgencyDemographicsBridge", amt.config("StudentLocalEducationAgencyDemographicsBridge")).query((ctx) =>
  amt.shape(
    "StudentLocalEducationAgencyDemographicsBridge",
    `SELECT
  dem.DemographicKey || '-' || dem.student_unique_id || '-' || ${dialect.toText("dem.education_organization_id")} AS StudentSchoolDemographicBridgeKey,
  ${amt.k("dem.student_unique_id", "dem.education_organization_id")} AS StudentLocalEducationAgencyKey,
  dem.DemographicKey
FROM ${amt.seoaDemographics(ctx)} AS dem
INNER JOIN (
  SELECT DISTINCT ssa.student_unique_id, sc.local_education_agency_id
  FROM ${amt.source(ctx, "stg_student_school_associations")} AS ssa
  INNER JOIN ${amt.source(ctx, "stg_schools")} AS sc ON sc.school_id = ssa.school_id
  WHERE ${amt.isCurrent("ssa.exit_withdraw_date")}
) AS enrolled ON enrolled.student_unique_id = dem.student_unique_id AND enrolled.local_education_agency_id = dem.education_organization_id`,
  ),
);

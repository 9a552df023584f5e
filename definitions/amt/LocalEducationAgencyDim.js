// AMT-SPEC §4.4: districts with their parent district, state agency and service center.
publish("LocalEducationAgencyDim", amt.config("LocalEducationAgencyDim")).query((ctx) =>
  amt.shape(
    "LocalEducationAgencyDim",
    `SELECT
  ${dialect.toText("lea.local_education_agency_id")} AS LocalEducationAgencyKey,
  lea.name_of_institution AS LocalEducationAgencyName,
  COALESCE(lea.local_education_agency_category_descriptor, '') AS LocalEducationAgencyType,
  COALESCE(${dialect.toText("lea.parent_local_education_agency_id")}, '') AS LocalEducationAgencyParentLocalEducationAgencyKey,
  COALESCE(sea.name_of_institution, '') AS LocalEducationAgencyStateEducationAgencyName,
  COALESCE(${dialect.toText("lea.state_education_agency_id")}, '') AS LocalEducationAgencyStateEducationAgencyKey,
  COALESCE(esc.name_of_institution, '') AS LocalEducationAgencyServiceCenterName,
  COALESCE(${dialect.toText("esc.education_service_center_id")}, '') AS LocalEducationAgencyServiceCenterKey,
  COALESCE(lea.charter_status_descriptor, '') AS LocalEducationAgencyCharterStatus,
  ${dialect.greatestNonNull(["lea.last_modified_date", "esc.last_modified_date", "sea.last_modified_date"])} AS LastModifiedDate
FROM ${amt.source(ctx, "stg_local_education_agencies")} AS lea
LEFT JOIN ${amt.source(ctx, "stg_state_education_agencies")} AS sea ON sea.state_education_agency_id = lea.state_education_agency_id
LEFT JOIN ${amt.source(ctx, "stg_education_service_centers")} AS esc ON esc.education_service_center_id = lea.education_service_center_id`,
  ),
);

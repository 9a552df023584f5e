// AMT-SPEC §4.5: schools with their physical address and parent organizations. The address is one of
// the school's addresses of a type mapped to Address.Physical that has no period or an open-ended one;
// AMT takes an arbitrary one, the contract the latest period begin date, then the lowest street.
publish("SchoolDim", amt.config("SchoolDim")).query((ctx) => {
  const physical = `(SELECT * FROM ${amt.addresses(ctx, "stg_schools", (p) => `${p}.end_date IS NULL`)} AS a
    WHERE a.address_type_descriptor_uri IN ${amt.mappedUris(ctx, "Address.Physical")}
    QUALIFY ROW_NUMBER() OVER (PARTITION BY a.parent_id, a.school_year ORDER BY a.period_begin_date DESC NULLS LAST, a.street_number_name NULLS LAST) = 1)`;
  return amt.shape(
    "SchoolDim",
    `SELECT
  ${dialect.toText("sc.school_id")} AS SchoolKey,
  sc.name_of_institution AS SchoolName,
  COALESCE(sc.school_type_descriptor, '') AS SchoolType,
  CASE WHEN ad.parent_id IS NULL THEN '' ELSE
    COALESCE(ad.street_number_name, '') || ', ' || COALESCE(ad.apartment_room_suite_number || ', ', '') || COALESCE(ad.city, '') || ' '
    || COALESCE(ad.state_abbreviation_descriptor, '') || ' ' || COALESCE(ad.postal_code, '') END AS SchoolAddress,
  COALESCE(ad.city, '') AS SchoolCity,
  COALESCE(ad.name_of_county, '') AS SchoolCounty,
  COALESCE(ad.state_abbreviation_descriptor, '') AS SchoolState,
  COALESCE(lea.name_of_institution, '') AS LocalEducationAgencyName,
  COALESCE(${dialect.toText("sc.local_education_agency_id")}, '') AS LocalEducationAgencyKey,
  COALESCE(sea.name_of_institution, '') AS StateEducationAgencyName,
  COALESCE(${dialect.toText("lea.state_education_agency_id")}, '') AS StateEducationAgencyKey,
  COALESCE(esc.name_of_institution, '') AS EducationServiceCenterName,
  COALESCE(${dialect.toText("lea.education_service_center_id")}, '') AS EducationServiceCenterKey,
  ${dialect.greatestNonNull(["sc.last_modified_date", "st.last_modified_date", "lea.last_modified_date", "sea.last_modified_date", "esc.last_modified_date", amt.asTimestamp("ad.period_begin_date")])} AS LastModifiedDate
FROM ${amt.source(ctx, "stg_schools")} AS sc
LEFT JOIN ${amt.descriptors(ctx, "schoolType")} AS st ON st.uri = sc.school_type_descriptor_uri
LEFT JOIN ${physical} AS ad ON ad.parent_id = sc.id AND ad.school_year = sc.school_year
LEFT JOIN ${amt.source(ctx, "stg_local_education_agencies")} AS lea ON lea.local_education_agency_id = sc.local_education_agency_id
LEFT JOIN ${amt.source(ctx, "stg_state_education_agencies")} AS sea ON sea.state_education_agency_id = lea.state_education_agency_id
LEFT JOIN ${amt.source(ctx, "stg_education_service_centers")} AS esc ON esc.education_service_center_id = lea.education_service_center_id`,
  );
});

SELECT
  CAST(SchoolKey AS STRING) AS SchoolKey,
  CAST(SchoolName AS STRING) AS SchoolName,
  CAST(SchoolType AS STRING) AS SchoolType,
  CAST(SchoolAddress AS STRING) AS SchoolAddress,
  CAST(SchoolCity AS STRING) AS SchoolCity,
  CAST(SchoolCounty AS STRING) AS SchoolCounty,
  CAST(SchoolState AS STRING) AS SchoolState,
  CAST(LocalEducationAgencyName AS STRING) AS LocalEducationAgencyName,
  CAST(LocalEducationAgencyKey AS STRING) AS LocalEducationAgencyKey,
  CAST(StateEducationAgencyName AS STRING) AS StateEducationAgencyName,
  CAST(StateEducationAgencyKey AS STRING) AS StateEducationAgencyKey,
  CAST(EducationServiceCenterName AS STRING) AS EducationServiceCenterName,
  CAST(EducationServiceCenterKey AS STRING) AS EducationServiceCenterKey,
  CAST(LastModifiedDate AS TIMESTAMP) AS LastModifiedDate
FROM (
SELECT
  CAST(sc.school_id AS STRING) AS SchoolKey,
  sc.name_of_institution AS SchoolName,
  COALESCE(sc.school_type_descriptor, '') AS SchoolType,
  CASE WHEN ad.parent_id IS NULL THEN '' ELSE
    COALESCE(ad.street_number_name, '') || ', ' || COALESCE(ad.apartment_room_suite_number || ', ', '') || COALESCE(ad.city, '') || ' '
    || COALESCE(ad.state_abbreviation_descriptor, '') || ' ' || COALESCE(ad.postal_code, '') END AS SchoolAddress,
  COALESCE(ad.city, '') AS SchoolCity,
  COALESCE(ad.name_of_county, '') AS SchoolCounty,
  COALESCE(ad.state_abbreviation_descriptor, '') AS SchoolState,
  COALESCE(lea.name_of_institution, '') AS LocalEducationAgencyName,
  COALESCE(CAST(sc.local_education_agency_id AS STRING), '') AS LocalEducationAgencyKey,
  COALESCE(sea.name_of_institution, '') AS StateEducationAgencyName,
  COALESCE(CAST(lea.state_education_agency_id AS STRING), '') AS StateEducationAgencyKey,
  COALESCE(esc.name_of_institution, '') AS EducationServiceCenterName,
  COALESCE(CAST(lea.education_service_center_id AS STRING), '') AS EducationServiceCenterKey,
  (SELECT MAX(v) FROM UNNEST([sc.last_modified_date, st.last_modified_date, lea.last_modified_date, sea.last_modified_date, esc.last_modified_date, CAST(ad.period_begin_date AS TIMESTAMP)]) AS v) AS LastModifiedDate
FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_schools` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY school_id)) AS sc
LEFT JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_school_type_descriptors` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY namespace, code_value)) AS st ON st.uri = sc.school_type_descriptor_uri
LEFT JOIN (SELECT * FROM (SELECT a.*, p.begin_date AS period_begin_date
    FROM (SELECT c.* FROM `edfi-amt.edfi_staging.stg_schools__addresses` AS c
    INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_schools` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY school_id)) AS p ON p.id = c.parent_id AND p.school_year = c.school_year) AS a
    LEFT JOIN (SELECT c.* FROM `edfi-amt.edfi_staging.stg_schools__address_periods` AS c
    INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_schools` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY school_id)) AS p ON p.id = c.parent_id AND p.school_year = c.school_year) AS p ON p.parent_id = a.parent_id AND p.school_year = a.school_year AND p.address_type_descriptor_uri = a.address_type_descriptor_uri AND p.street_number_name = a.street_number_name AND p.city = a.city AND p.postal_code = a.postal_code AND p.state_abbreviation_descriptor_uri = a.state_abbreviation_descriptor_uri
    WHERE p.parent_id IS NULL OR p.end_date IS NULL) AS a
    WHERE a.address_type_descriptor_uri IN (SELECT DescriptorUri FROM `edfi-amt.analytics_config.DescriptorMap` WHERE ConstantName = 'Address.Physical')
    QUALIFY ROW_NUMBER() OVER (PARTITION BY a.parent_id, a.school_year ORDER BY a.period_begin_date DESC NULLS LAST, a.street_number_name NULLS LAST) = 1) AS ad ON ad.parent_id = sc.id AND ad.school_year = sc.school_year
LEFT JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_local_education_agencies` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY local_education_agency_id)) AS lea ON lea.local_education_agency_id = sc.local_education_agency_id
LEFT JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_state_education_agencies` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY state_education_agency_id)) AS sea ON sea.state_education_agency_id = lea.state_education_agency_id
LEFT JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_education_service_centers` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY education_service_center_id)) AS esc ON esc.education_service_center_id = lea.education_service_center_id
) AS amt

SELECT
  CAST(UserKey AS STRING) AS UserKey,
  CAST(UserScope AS STRING) AS UserScope,
  CAST(StudentPermission AS STRING) AS StudentPermission,
  CAST(SectionPermission AS STRING) AS SectionPermission,
  CAST(SectionKeyPermission AS STRING) AS SectionKeyPermission,
  CAST(SchoolPermission AS STRING) AS SchoolPermission,
  CAST(DistrictId AS STRING) AS DistrictId
FROM (
SELECT DISTINCT
  a.staff_unique_id AS UserKey,
  a.scope AS UserScope,
  'ALL' AS StudentPermission,
  CASE WHEN a.scope = 'AuthorizationScope.Section' THEN se.id ELSE 'ALL' END AS SectionPermission,
  CASE WHEN a.scope = 'AuthorizationScope.Section' THEN COALESCE(CAST(se.school_id AS STRING), '') || '-' || COALESCE(CAST(se.local_course_code AS STRING), '') || '-' || COALESCE(CAST(se.course_offering_school_year AS STRING), '') || '-' || COALESCE(CAST(se.section_identifier AS STRING), '') || '-' || COALESCE(CAST(se.session_name AS STRING), '') ELSE 'ALL' END AS SectionKeyPermission,
  CASE WHEN a.scope = 'AuthorizationScope.District' THEN 'ALL' ELSE CAST(a.education_organization_id AS STRING) END AS SchoolPermission,
  CASE WHEN a.scope = 'AuthorizationScope.District' THEN CAST(a.education_organization_id AS STRING) ELSE '' END AS DistrictId
FROM (SELECT sa.staff_unique_id, sa.education_organization_id, m.ConstantName AS scope
    FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_staff_education_organization_assignment_associations` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY begin_date, education_organization_id, staff_classification_descriptor, staff_unique_id)) AS sa
    INNER JOIN (SELECT DescriptorUri, ConstantName FROM `edfi-amt.analytics_config.DescriptorMap` WHERE ConstantName IN ('AuthorizationScope.District', 'AuthorizationScope.School', 'AuthorizationScope.Section')) AS m ON m.DescriptorUri = sa.staff_classification_descriptor_uri
    WHERE sa.end_date IS NULL) AS a
INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_staffs` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY staff_unique_id)) AS sf ON sf.staff_unique_id = a.staff_unique_id
LEFT JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_staff_section_associations` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY begin_date, staff_unique_id, local_course_code, school_id, section_school_year, section_identifier, session_name)) AS ssa
  ON a.scope = 'AuthorizationScope.Section' AND ssa.staff_unique_id = a.staff_unique_id AND ssa.school_id = a.education_organization_id AND (ssa.end_date IS NULL OR ssa.end_date > CURRENT_DATE)
LEFT JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_sections` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY local_course_code, school_id, course_offering_school_year, section_identifier, session_name)) AS se ON ssa.school_id = se.school_id AND ssa.local_course_code = se.local_course_code AND ssa.section_school_year = se.course_offering_school_year AND ssa.section_identifier = se.section_identifier AND ssa.session_name = se.session_name
WHERE a.scope <> 'AuthorizationScope.Section' OR se.id IS NOT NULL
) AS amt

SELECT
  CAST(StudentSchoolKey AS STRING) AS StudentSchoolKey,
  CAST(StudentKey AS STRING) AS StudentKey,
  CAST(SchoolKey AS STRING) AS SchoolKey,
  CAST(DateKey AS STRING) AS DateKey,
  CAST(ReportedAsPresentAtSchool AS INT64) AS ReportedAsPresentAtSchool,
  CAST(ReportedAsAbsentFromSchool AS INT64) AS ReportedAsAbsentFromSchool,
  CAST(ReportedAsPresentAtHomeRoom AS INT64) AS ReportedAsPresentAtHomeRoom,
  CAST(ReportedAsAbsentFromHomeRoom AS INT64) AS ReportedAsAbsentFromHomeRoom,
  CAST(ReportedAsIsPresentInAllSections AS INT64) AS ReportedAsIsPresentInAllSections,
  CAST(ReportedAsAbsentFromAnySection AS INT64) AS ReportedAsAbsentFromAnySection
FROM (
SELECT
  COALESCE(CAST(dy.student_unique_id AS STRING), '') || '-' || COALESCE(CAST(dy.school_id AS STRING), '') AS StudentSchoolKey,
  dy.student_unique_id AS StudentKey,
  CAST(dy.school_id AS STRING) AS SchoolKey,
  FORMAT_DATE('%Y%m%d', dy.date) AS DateKey,
  dy.school_present AS ReportedAsPresentAtSchool,
  dy.school_absent AS ReportedAsAbsentFromSchool,
  dy.homeroom_present AS ReportedAsPresentAtHomeRoom,
  dy.homeroom_absent AS ReportedAsAbsentFromHomeRoom,
  CASE WHEN dy.section_absent = 0 AND dy.section_present = 1 THEN 1 ELSE 0 END AS ReportedAsIsPresentInAllSections,
  dy.section_absent AS ReportedAsAbsentFromAnySection
FROM `edfi-amt.analytics_internal.enrolled_days` AS dy
WHERE dy.is_instructional = 1
) AS amt

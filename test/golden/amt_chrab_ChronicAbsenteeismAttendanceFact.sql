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
  ((dy.day_flags >> 1) & 1) AS ReportedAsPresentAtSchool,
  ((dy.day_flags >> 2) & 1) AS ReportedAsAbsentFromSchool,
  ((dy.day_flags >> 6) & 1) AS ReportedAsPresentAtHomeRoom,
  ((dy.day_flags >> 7) & 1) AS ReportedAsAbsentFromHomeRoom,
  CASE WHEN ((dy.day_flags >> 12) & 1) = 0 AND ((dy.day_flags >> 11) & 1) = 1 THEN 1 ELSE 0 END AS ReportedAsIsPresentInAllSections,
  ((dy.day_flags >> 12) & 1) AS ReportedAsAbsentFromAnySection
FROM `edfi-amt.analytics_internal.enrolled_days` AS dy
WHERE ((dy.day_flags >> 0) & 1) = 1
) AS amt

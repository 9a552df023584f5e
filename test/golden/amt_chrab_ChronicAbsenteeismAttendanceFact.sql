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
  COALESCE(CAST(ssa.student_unique_id AS STRING), '') || '-' || COALESCE(CAST(ssa.school_id AS STRING), '') AS StudentSchoolKey,
  ssa.student_unique_id AS StudentKey,
  CAST(ssa.school_id AS STRING) AS SchoolKey,
  FORMAT_DATE('%Y%m%d', day.date) AS DateKey,
  COALESCE(MAX(CASE WHEN (ssa.school_year_type_school_year IS NULL OR ssa.school_year_type_school_year = sch.event_year) THEN sch.present END), 0) AS ReportedAsPresentAtSchool,
  COALESCE(MAX(CASE WHEN (ssa.school_year_type_school_year IS NULL OR ssa.school_year_type_school_year = sch.event_year) THEN sch.absent END), 0) AS ReportedAsAbsentFromSchool,
  COALESCE(MAX(CASE WHEN (ssa.school_year_type_school_year IS NULL OR ssa.school_year_type_school_year = sec.event_year) THEN sec.homeroom_present END), 0) AS ReportedAsPresentAtHomeRoom,
  COALESCE(MAX(CASE WHEN (ssa.school_year_type_school_year IS NULL OR ssa.school_year_type_school_year = sec.event_year) THEN sec.homeroom_absent END), 0) AS ReportedAsAbsentFromHomeRoom,
  CASE WHEN COALESCE(MAX(CASE WHEN (ssa.school_year_type_school_year IS NULL OR ssa.school_year_type_school_year = sec.event_year) THEN sec.absent END), 0) = 0 AND COALESCE(MAX(CASE WHEN (ssa.school_year_type_school_year IS NULL OR ssa.school_year_type_school_year = sec.event_year) THEN sec.present END), 0) = 1 THEN 1 ELSE 0 END AS ReportedAsIsPresentInAllSections,
  COALESCE(MAX(CASE WHEN (ssa.school_year_type_school_year IS NULL OR ssa.school_year_type_school_year = sec.event_year) THEN sec.absent END), 0) AS ReportedAsAbsentFromAnySection
FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_school_associations` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY entry_date, school_id, student_unique_id)) AS ssa
INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_students` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY student_unique_id)) AS st ON st.student_unique_id = ssa.student_unique_id
INNER JOIN (SELECT DISTINCT cd.school_id, cd.date
    FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_calendar_dates` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY calendar_code, school_id, calendar_school_year, date)) AS cd
    INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_calendar_dates__calendar_events` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY calendar_code, school_id, calendar_school_year, date)) AS ce ON ce.parent_id = cd.id AND ce.school_year = cd.school_year
    INNER JOIN (SELECT DescriptorUri, ConstantName FROM `edfi-amt.analytics_config.DescriptorMap` WHERE ConstantName IN ('CalendarEvent.InstructionalDay')) AS m ON m.DescriptorUri = ce.calendar_event_descriptor_uri
    WHERE cd.date <= CURRENT_DATE) AS day
  ON day.school_id = ssa.school_id AND day.date >= ssa.entry_date AND (ssa.exit_withdraw_date IS NULL OR day.date <= ssa.exit_withdraw_date)
LEFT JOIN (SELECT e.student_unique_id, e.school_id, e.event_date, e.session_school_year AS event_year,
      MAX(CASE WHEN m.ConstantName = 'AttendanceEvent.Present' THEN 1 ELSE 0 END) AS present, MAX(CASE WHEN m.ConstantName = 'AttendanceEvent.Absence' THEN 1 ELSE 0 END) AS absent
    FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_school_attendance_events` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY attendance_event_category_descriptor, event_date, school_id, session_school_year, session_name, student_unique_id)) AS e
    INNER JOIN (SELECT DescriptorUri, ConstantName FROM `edfi-amt.analytics_config.DescriptorMap` WHERE ConstantName IN ('AttendanceEvent.Present', 'AttendanceEvent.Absence')) AS m ON m.DescriptorUri = e.attendance_event_category_descriptor_uri
    GROUP BY e.student_unique_id, e.school_id, e.event_date, e.session_school_year) AS sch ON sch.student_unique_id = ssa.student_unique_id AND sch.school_id = ssa.school_id AND sch.event_date = day.date
LEFT JOIN (SELECT e.student_unique_id, e.school_id, e.event_date, e.section_school_year AS event_year,
      MAX(CASE WHEN m.ConstantName = 'AttendanceEvent.Present' THEN 1 ELSE 0 END) AS present, MAX(CASE WHEN m.ConstantName = 'AttendanceEvent.Absence' THEN 1 ELSE 0 END) AS absent,
      MAX(CASE WHEN m.ConstantName = 'AttendanceEvent.Present' AND h.student_unique_id IS NOT NULL THEN 1 ELSE 0 END) AS homeroom_present,
      MAX(CASE WHEN m.ConstantName = 'AttendanceEvent.Absence' AND h.student_unique_id IS NOT NULL THEN 1 ELSE 0 END) AS homeroom_absent
    FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_section_attendance_events` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY attendance_event_category_descriptor, event_date, local_course_code, school_id, section_school_year, section_identifier, session_name, student_unique_id)) AS e
    INNER JOIN (SELECT DescriptorUri, ConstantName FROM `edfi-amt.analytics_config.DescriptorMap` WHERE ConstantName IN ('AttendanceEvent.Present', 'AttendanceEvent.Absence')) AS m ON m.DescriptorUri = e.attendance_event_category_descriptor_uri
    LEFT JOIN (SELECT DISTINCT student_unique_id, school_id, local_course_code, section_school_year, section_identifier, session_name
      FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_section_associations` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY begin_date, local_course_code, school_id, section_school_year, section_identifier, session_name, student_unique_id)) AS ssec WHERE ssec.homeroom_indicator) AS h ON h.student_unique_id = e.student_unique_id AND h.school_id = e.school_id AND h.local_course_code = e.local_course_code AND h.section_school_year = e.section_school_year AND h.section_identifier = e.section_identifier AND h.session_name = e.session_name
    GROUP BY e.student_unique_id, e.school_id, e.event_date, e.section_school_year) AS sec ON sec.student_unique_id = ssa.student_unique_id AND sec.school_id = ssa.school_id AND sec.event_date = day.date
GROUP BY ssa.student_unique_id, ssa.school_id, day.date
) AS amt

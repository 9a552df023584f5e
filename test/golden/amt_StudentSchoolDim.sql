SELECT
  CAST(StudentSchoolKey AS STRING) AS StudentSchoolKey,
  CAST(StudentKey AS STRING) AS StudentKey,
  CAST(SchoolKey AS STRING) AS SchoolKey,
  CAST(SchoolYear AS STRING) AS SchoolYear,
  CAST(StudentFirstName AS STRING) AS StudentFirstName,
  CAST(StudentMiddleName AS STRING) AS StudentMiddleName,
  CAST(StudentLastName AS STRING) AS StudentLastName,
  CAST(BirthDate AS DATE) AS BirthDate,
  CAST(EnrollmentDateKey AS STRING) AS EnrollmentDateKey,
  CAST(GradeLevel AS STRING) AS GradeLevel,
  CAST(LimitedEnglishProficiency AS STRING) AS LimitedEnglishProficiency,
  CAST(IsHispanic AS BOOL) AS IsHispanic,
  CAST(Sex AS STRING) AS Sex,
  CAST(InternetAccessInResidence AS STRING) AS InternetAccessInResidence,
  CAST(InternetAccessTypeInResidence AS STRING) AS InternetAccessTypeInResidence,
  CAST(InternetPerformance AS STRING) AS InternetPerformance,
  CAST(DigitalDevice AS STRING) AS DigitalDevice,
  CAST(DeviceAccess AS STRING) AS DeviceAccess,
  CAST(LastModifiedDate AS TIMESTAMP) AS LastModifiedDate
FROM (
SELECT * FROM (
SELECT
  COALESCE(CAST(ssa.student_unique_id AS STRING), '') || '-' || COALESCE(CAST(ssa.school_id AS STRING), '') || '-' || COALESCE(CAST(FORMAT_DATE('%Y%m%d', ssa.entry_date) AS STRING), '') AS AllStudentSchoolKey,
  COALESCE(CAST(ssa.student_unique_id AS STRING), '') || '-' || COALESCE(CAST(ssa.school_id AS STRING), '') AS StudentSchoolKey,
  ssa.student_unique_id AS StudentKey,
  CAST(ssa.school_id AS STRING) AS SchoolKey,
  COALESCE(CAST(ssa.school_year_type_school_year AS STRING), 'Unknown') AS SchoolYear,
  st.first_name AS StudentFirstName,
  COALESCE(st.middle_name, '') AS StudentMiddleName,
  st.last_surname AS StudentLastName,
  st.birth_date AS BirthDate,
  FORMAT_DATE('%Y-%m-%d', ssa.entry_date) AS EnrollmentDateKey,
  ssa.entry_grade_level_descriptor AS GradeLevel,
  COALESCE(COALESCE(se.limited_english_proficiency_descriptor, de.limited_english_proficiency_descriptor), 'Not applicable') AS LimitedEnglishProficiency,
  COALESCE(COALESCE(se.hispanic_latino_ethnicity, de.hispanic_latino_ethnicity), FALSE) AS IsHispanic,
  COALESCE(COALESCE(se.sex_descriptor, de.sex_descriptor), '') AS Sex,
  COALESCE(COALESCE(se.InternetAccessInResidence, de.InternetAccessInResidence), 'n/a') AS InternetAccessInResidence,
  COALESCE(COALESCE(se.InternetAccessTypeInResidence, de.InternetAccessTypeInResidence), 'n/a') AS InternetAccessTypeInResidence,
  COALESCE(COALESCE(se.InternetPerformance, de.InternetPerformance), 'n/a') AS InternetPerformance,
  COALESCE(COALESCE(se.DigitalDevice, de.DigitalDevice), 'n/a') AS DigitalDevice,
  COALESCE(COALESCE(se.DeviceAccess, de.DeviceAccess), 'n/a') AS DeviceAccess,
  (ssa.exit_withdraw_date IS NULL OR ssa.exit_withdraw_date > CURRENT_DATE) AS IsEnrolled,
  COALESCE(FORMAT_DATE('%Y-%m-%d', ssa.exit_withdraw_date), '') AS ExitWithdrawDate,
  (SELECT MAX(v) FROM UNNEST([st.last_modified_date, se.last_modified_date, de.last_modified_date]) AS v) AS LastModifiedDate
FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_school_associations` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY entry_date, school_id, student_unique_id)) AS ssa
INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_students` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY student_unique_id)) AS st ON st.student_unique_id = ssa.student_unique_id
INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_schools` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY school_id)) AS sc ON sc.school_id = ssa.school_id
LEFT JOIN (SELECT s.education_organization_id, s.student_unique_id, s.sex_descriptor, s.hispanic_latino_ethnicity,
      s.limited_english_proficiency_descriptor, s.last_modified_date, MAX(CASE WHEN i.indicator_name = 'Internet Access In Residence' THEN i.indicator END) AS InternetAccessInResidence, MAX(CASE WHEN i.indicator_name = 'Internet Access Type In Residence' THEN i.indicator END) AS InternetAccessTypeInResidence, MAX(CASE WHEN i.indicator_name = 'Internet Performance In Residence' THEN i.indicator END) AS InternetPerformance, MAX(CASE WHEN i.indicator_name = 'Digital Device' THEN i.indicator END) AS DigitalDevice, MAX(CASE WHEN i.indicator_name = 'Device Access' THEN i.indicator END) AS DeviceAccess
    FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_education_organization_associations` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY education_organization_id, student_unique_id)) AS s
    LEFT JOIN (SELECT c.* FROM `edfi-amt.edfi_staging.stg_student_education_organization_associations__indicators` AS c
    INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_student_education_organization_associations` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY education_organization_id, student_unique_id)) AS p ON p.id = c.parent_id AND p.school_year = c.school_year) AS i
      ON i.parent_id = s.id AND i.school_year = s.school_year
    GROUP BY s.education_organization_id, s.student_unique_id, s.sex_descriptor, s.hispanic_latino_ethnicity,
      s.limited_english_proficiency_descriptor, s.last_modified_date) AS se
  ON se.student_unique_id = ssa.student_unique_id AND se.education_organization_id = ssa.school_id
LEFT JOIN (SELECT s.education_organization_id, s.student_unique_id, s.sex_descriptor, s.hispanic_latino_ethnicity,
      s.limited_english_proficiency_descriptor, s.last_modified_date, MAX(CASE WHEN i.indicator_name = 'Internet Access In Residence' THEN i.indicator END) AS InternetAccessInResidence, MAX(CASE WHEN i.indicator_name = 'Internet Access Type In Residence' THEN i.indicator END) AS InternetAccessTypeInResidence, MAX(CASE WHEN i.indicator_name = 'Internet Performance In Residence' THEN i.indicator END) AS InternetPerformance, MAX(CASE WHEN i.indicator_name = 'Digital Device' THEN i.indicator END) AS DigitalDevice, MAX(CASE WHEN i.indicator_name = 'Device Access' THEN i.indicator END) AS DeviceAccess
    FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_education_organization_associations` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY education_organization_id, student_unique_id)) AS s
    LEFT JOIN (SELECT c.* FROM `edfi-amt.edfi_staging.stg_student_education_organization_associations__indicators` AS c
    INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_student_education_organization_associations` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY education_organization_id, student_unique_id)) AS p ON p.id = c.parent_id AND p.school_year = c.school_year) AS i
      ON i.parent_id = s.id AND i.school_year = s.school_year
    GROUP BY s.education_organization_id, s.student_unique_id, s.sex_descriptor, s.hispanic_latino_ethnicity,
      s.limited_english_proficiency_descriptor, s.last_modified_date) AS de
  ON de.student_unique_id = ssa.student_unique_id AND de.education_organization_id = sc.local_education_agency_id
WHERE ssa.entry_grade_level_descriptor IS NOT NULL
) AS s
WHERE IsEnrolled
) AS amt

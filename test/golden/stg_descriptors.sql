WITH commits AS (
  SELECT table_name, run_id, school_year, snapshot
  FROM `edfi-amt.edfi_sources._commits`
  WHERE table_name IN ('academic_subject_descriptors', 'address_type_descriptors', 'assessment_category_descriptors', 'assessment_reporting_method_descriptors', 'attendance_event_category_descriptors', 'behavior_descriptors', 'calendar_event_descriptors', 'cohort_type_descriptors', 'cohort_year_type_descriptors', 'disability_descriptors', 'disability_designation_descriptors', 'discipline_descriptors', 'educational_environment_descriptors', 'electronic_mail_type_descriptors', 'grade_level_descriptors', 'grade_type_descriptors', 'grading_period_descriptors', 'language_descriptors', 'language_use_descriptors', 'level_of_education_descriptors', 'performance_level_descriptors', 'program_type_descriptors', 'race_descriptors', 'result_datatype_type_descriptors', 'school_food_service_program_service_descriptors', 'school_type_descriptors', 'sex_descriptors', 'staff_classification_descriptors', 'student_characteristic_descriptors', 'telephone_number_type_descriptors', 'term_descriptors', 'tribal_affiliation_descriptors')
),
snapshots AS (
  SELECT table_name, school_year, MAX(run_id) AS run_id
  FROM commits
  WHERE snapshot
  GROUP BY table_name, school_year
),
lines AS (
  SELECT l.table_name, l.id, l.school_year, l.run_id, l.operation, SAFE_CAST(REGEXP_REPLACE(l.extracted_at, r'(\.[0-9]{6})[0-9]+', r'\1') AS TIMESTAMP) AS extracted_at, l.data AS _v
  FROM (SELECT 'academic_subject_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.academic_subject_descriptors`
  UNION ALL SELECT 'address_type_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.address_type_descriptors`
  UNION ALL SELECT 'assessment_category_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.assessment_category_descriptors`
  UNION ALL SELECT 'assessment_reporting_method_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.assessment_reporting_method_descriptors`
  UNION ALL SELECT 'attendance_event_category_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.attendance_event_category_descriptors`
  UNION ALL SELECT 'behavior_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.behavior_descriptors`
  UNION ALL SELECT 'calendar_event_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.calendar_event_descriptors`
  UNION ALL SELECT 'cohort_type_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.cohort_type_descriptors`
  UNION ALL SELECT 'cohort_year_type_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.cohort_year_type_descriptors`
  UNION ALL SELECT 'disability_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.disability_descriptors`
  UNION ALL SELECT 'disability_designation_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.disability_designation_descriptors`
  UNION ALL SELECT 'discipline_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.discipline_descriptors`
  UNION ALL SELECT 'educational_environment_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.educational_environment_descriptors`
  UNION ALL SELECT 'electronic_mail_type_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.electronic_mail_type_descriptors`
  UNION ALL SELECT 'grade_level_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.grade_level_descriptors`
  UNION ALL SELECT 'grade_type_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.grade_type_descriptors`
  UNION ALL SELECT 'grading_period_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.grading_period_descriptors`
  UNION ALL SELECT 'language_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.language_descriptors`
  UNION ALL SELECT 'language_use_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.language_use_descriptors`
  UNION ALL SELECT 'level_of_education_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.level_of_education_descriptors`
  UNION ALL SELECT 'performance_level_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.performance_level_descriptors`
  UNION ALL SELECT 'program_type_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.program_type_descriptors`
  UNION ALL SELECT 'race_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.race_descriptors`
  UNION ALL SELECT 'result_datatype_type_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.result_datatype_type_descriptors`
  UNION ALL SELECT 'school_food_service_program_service_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.school_food_service_program_service_descriptors`
  UNION ALL SELECT 'school_type_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.school_type_descriptors`
  UNION ALL SELECT 'sex_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.sex_descriptors`
  UNION ALL SELECT 'staff_classification_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.staff_classification_descriptors`
  UNION ALL SELECT 'student_characteristic_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.student_characteristic_descriptors`
  UNION ALL SELECT 'telephone_number_type_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.telephone_number_type_descriptors`
  UNION ALL SELECT 'term_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.term_descriptors`
  UNION ALL SELECT 'tribal_affiliation_descriptors' AS table_name, * FROM `edfi-amt.edfi_sources.tribal_affiliation_descriptors`) AS l
  INNER JOIN commits AS c ON c.table_name = l.table_name AND c.run_id = l.run_id AND c.school_year = l.school_year
  LEFT JOIN snapshots AS s ON s.table_name = l.table_name AND s.school_year = l.school_year
  WHERE l.operation IN ('upsert', 'delete')
    AND l.run_id >= COALESCE(s.run_id, '')
),
latest AS (
SELECT * FROM lines WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY table_name, school_year, id ORDER BY run_id DESC, CASE operation WHEN 'delete' THEN 0 ELSE 1 END, extracted_at DESC) = 1
)
SELECT
  table_name,
  id,
  school_year,
  JSON_VALUE(_v, '$.namespace') AS namespace,
  JSON_VALUE(_v, '$.codeValue') AS code_value,
  JSON_VALUE(_v, '$.shortDescription') AS short_description,
  JSON_VALUE(_v, '$.description') AS description,
  SAFE_CAST(JSON_VALUE(_v, '$.effectiveBeginDate') AS DATE) AS effective_begin_date,
  SAFE_CAST(JSON_VALUE(_v, '$.effectiveEndDate') AS DATE) AS effective_end_date,
  SPLIT(JSON_VALUE(_v, '$.priorDescriptor'), '#')[SAFE_OFFSET(1)] AS prior_descriptor,
  JSON_VALUE(_v, '$.priorDescriptor') AS prior_descriptor_uri,
  JSON_VALUE(_v, '$.namespace') || '#' || JSON_VALUE(_v, '$.codeValue') AS uri,
  COALESCE(SAFE_CAST(REGEXP_REPLACE(JSON_VALUE(_v, '$._lastModifiedDate'), r'(\.[0-9]{6})[0-9]+', r'\1') AS TIMESTAMP), extracted_at) AS last_modified_date,
  extracted_at,
  run_id AS _run_id
FROM latest
WHERE operation = 'upsert'
;
SELECT id, school_year, namespace, code_value, short_description, description, effective_begin_date, effective_end_date, prior_descriptor, prior_descriptor_uri, uri, last_modified_date, extracted_at, _run_id
FROM `edfi-amt.edfi_staging.stg_descriptors`
WHERE table_name = 'term_descriptors'

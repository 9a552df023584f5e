SELECT
  CAST(StudentAssessmentFactKey AS STRING) AS StudentAssessmentFactKey,
  CAST(StudentAssessmentKey AS STRING) AS StudentAssessmentKey,
  CAST(StudentObjectiveAssessmentKey AS STRING) AS StudentObjectiveAssessmentKey,
  CAST(ObjectiveAssessmentKey AS STRING) AS ObjectiveAssessmentKey,
  CAST(AssessmentKey AS STRING) AS AssessmentKey,
  CAST(AssessmentIdentifier AS STRING) AS AssessmentIdentifier,
  CAST(Namespace AS STRING) AS Namespace,
  CAST(StudentAssessmentIdentifier AS STRING) AS StudentAssessmentIdentifier,
  CAST(StudentUSI AS STRING) AS StudentUSI,
  CAST(StudentKey AS STRING) AS StudentKey,
  CAST(StudentSchoolKey AS STRING) AS StudentSchoolKey,
  CAST(SchoolKey AS STRING) AS SchoolKey,
  CAST(AdministrationDate AS STRING) AS AdministrationDate,
  CAST(AdministrationDateKey AS STRING) AS AdministrationDateKey,
  CAST(AssessedGradeLevel AS STRING) AS AssessedGradeLevel,
  CAST(StudentScore AS STRING) AS StudentScore,
  CAST(ResultDataType AS STRING) AS ResultDataType,
  CAST(ReportingMethod AS STRING) AS ReportingMethod,
  CAST(PerformanceResult AS STRING) AS PerformanceResult,
  CAST(StudentAssessmentScore AS STRING) AS StudentAssessmentScore,
  CAST(StudentAssessmentResultDataType AS STRING) AS StudentAssessmentResultDataType,
  CAST(StudentAssessmentReportingMethod AS STRING) AS StudentAssessmentReportingMethod,
  CAST(StudentAssessmentPerformanceResult AS STRING) AS StudentAssessmentPerformanceResult
FROM (
SELECT
  COALESCE(CAST(sa.assessment_identifier AS STRING), '') || '-' || COALESCE(CAST(sa.namespace AS STRING), '') || '-' || COALESCE(CAST(sa.student_assessment_identifier AS STRING), '') || '-' || COALESCE(CAST(sr.assessment_reporting_method_descriptor AS STRING), '') || '-' || COALESCE(CAST(pl.performance_level_descriptor AS STRING), '') || '-' || COALESCE(CAST(soa.identification_code AS STRING), '') || '-' || COALESCE(CAST(osr.assessment_reporting_method_descriptor AS STRING), '') || '-' || COALESCE(CAST(opl.performance_level_descriptor AS STRING), '') || '-' || COALESCE(CAST(sa.student_unique_id AS STRING), '') || '-' || COALESCE(CAST(ssa.school_id AS STRING), '') || '-' || COALESCE(CAST(FORMAT_DATE('%Y%m%d', ssa.entry_date) AS STRING), '') AS StudentAssessmentFactKey,
  COALESCE(CAST(sa.assessment_identifier AS STRING), '') || '-' || COALESCE(CAST(sa.namespace AS STRING), '') || '-' || COALESCE(CAST(sa.student_assessment_identifier AS STRING), '') || '-' || COALESCE(CAST(sa.student_unique_id AS STRING), '') AS StudentAssessmentKey,
  CASE WHEN soa.parent_id IS NULL THEN '' ELSE COALESCE(CAST(sa.student_unique_id AS STRING), '') || '-' || COALESCE(CAST(soa.identification_code AS STRING), '') || '-' || COALESCE(CAST(sa.assessment_identifier AS STRING), '') || '-' || COALESCE(CAST(sa.student_assessment_identifier AS STRING), '') || '-' || COALESCE(CAST(sa.namespace AS STRING), '') END AS StudentObjectiveAssessmentKey,
  CASE WHEN soa.parent_id IS NULL THEN '' ELSE COALESCE(CAST(sa.assessment_identifier AS STRING), '') || '-' || COALESCE(CAST(soa.identification_code AS STRING), '') || '-' || COALESCE(CAST(sa.namespace AS STRING), '') END AS ObjectiveAssessmentKey,
  COALESCE(CAST(sa.assessment_identifier AS STRING), '') || '-' || COALESCE(CAST(sa.namespace AS STRING), '') AS AssessmentKey,
  sa.assessment_identifier AS AssessmentIdentifier,
  sa.namespace AS Namespace,
  sa.student_assessment_identifier AS StudentAssessmentIdentifier,
  sa.student_unique_id AS StudentUSI,
  COALESCE(sa.student_unique_id, '') AS StudentKey,
  COALESCE(CAST(sa.student_unique_id AS STRING), '') || '-' || COALESCE(CAST(ssa.school_id AS STRING), '') AS StudentSchoolKey,
  CAST(ssa.school_id AS STRING) AS SchoolKey,
  FORMAT_DATE('%Y%m%d', CAST(sa.administration_date AS DATE)) AS AdministrationDate,
  FORMAT_DATE('%Y%m%d', CAST(sa.administration_date AS DATE)) AS AdministrationDateKey,
  COALESCE(sa.when_assessed_grade_level_descriptor, '') AS AssessedGradeLevel,
  COALESCE(osr.result, sr.result, '') AS StudentScore,
  COALESCE(osrd.description, srd.description, '') AS ResultDataType,
  COALESCE(osrm.description, srm.description, '') AS ReportingMethod,
  COALESCE(opld.description, pld.description, '') AS PerformanceResult,
  COALESCE(sr.result, '') AS StudentAssessmentScore,
  COALESCE(srd.description, '') AS StudentAssessmentResultDataType,
  COALESCE(srm.description, '') AS StudentAssessmentReportingMethod,
  COALESCE(pld.description, '') AS StudentAssessmentPerformanceResult
FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_assessments` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY assessment_identifier, namespace, student_assessment_identifier, student_unique_id)) AS sa
INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_assessments` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY assessment_identifier, namespace)) AS a ON a.assessment_identifier = sa.assessment_identifier AND a.namespace = sa.namespace
INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_students` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY student_unique_id)) AS st ON st.student_unique_id = sa.student_unique_id
INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_student_school_associations` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY entry_date, school_id, student_unique_id)) AS ssa ON ssa.student_unique_id = sa.student_unique_id AND (ssa.exit_withdraw_date IS NULL OR ssa.exit_withdraw_date > CURRENT_DATE)
INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_schools` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY school_id)) AS sc ON sc.school_id = ssa.school_id
LEFT JOIN (SELECT c.* FROM `edfi-amt.edfi_staging.stg_student_assessments__score_results` AS c
    INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_student_assessments` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY assessment_identifier, namespace, student_assessment_identifier, student_unique_id)) AS p ON p.id = c.parent_id AND p.school_year = c.school_year) AS sr ON sr.parent_id = sa.id AND sr.school_year = sa.school_year
LEFT JOIN (SELECT c.* FROM `edfi-amt.edfi_staging.stg_student_assessments__performance_levels` AS c
    INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_student_assessments` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY assessment_identifier, namespace, student_assessment_identifier, student_unique_id)) AS p ON p.id = c.parent_id AND p.school_year = c.school_year) AS pl ON pl.parent_id = sa.id AND pl.school_year = sa.school_year
LEFT JOIN (SELECT c.* FROM `edfi-amt.edfi_staging.stg_student_assessments__objective_assessments` AS c
    INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_student_assessments` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY assessment_identifier, namespace, student_assessment_identifier, student_unique_id)) AS p ON p.id = c.parent_id AND p.school_year = c.school_year) AS soa ON soa.parent_id = sa.id AND soa.school_year = sa.school_year
LEFT JOIN (SELECT c.* FROM `edfi-amt.edfi_staging.stg_student_assessments__objective_score_results` AS c
    INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_student_assessments` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY assessment_identifier, namespace, student_assessment_identifier, student_unique_id)) AS p ON p.id = c.parent_id AND p.school_year = c.school_year) AS osr
  ON osr.parent_id = soa.parent_id AND osr.school_year = soa.school_year AND osr.identification_code = soa.identification_code
LEFT JOIN (SELECT c.* FROM `edfi-amt.edfi_staging.stg_student_assessments__objective_performance_levels` AS c
    INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_student_assessments` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY assessment_identifier, namespace, student_assessment_identifier, student_unique_id)) AS p ON p.id = c.parent_id AND p.school_year = c.school_year) AS opl
  ON opl.parent_id = soa.parent_id AND opl.school_year = soa.school_year AND opl.identification_code = soa.identification_code
LEFT JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_result_datatype_type_descriptors` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY namespace, code_value)) AS srd ON srd.uri = sr.result_datatype_type_descriptor_uri
LEFT JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_assessment_reporting_method_descriptors` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY namespace, code_value)) AS srm ON srm.uri = sr.assessment_reporting_method_descriptor_uri
LEFT JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_performance_level_descriptors` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY namespace, code_value)) AS pld ON pld.uri = pl.performance_level_descriptor_uri
LEFT JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_result_datatype_type_descriptors` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY namespace, code_value)) AS osrd ON osrd.uri = osr.result_datatype_type_descriptor_uri
LEFT JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_assessment_reporting_method_descriptors` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY namespace, code_value)) AS osrm ON osrm.uri = osr.assessment_reporting_method_descriptor_uri
LEFT JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_performance_level_descriptors` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY namespace, code_value)) AS opld ON opld.uri = opl.performance_level_descriptor_uri
WHERE ssa.entry_grade_level_descriptor IS NOT NULL
) AS amt

WITH commits AS (
  SELECT run_id, school_year, snapshot
  FROM `edfi-amt.edfi_sources._commits`
  WHERE table_name = 'student_contact_associations'
),
snapshots AS (
  SELECT school_year, MAX(run_id) AS run_id
  FROM commits
  WHERE snapshot
  GROUP BY school_year
),
lines AS (
  SELECT l.id, l.school_year, l.run_id, l.operation, SAFE_CAST(REGEXP_REPLACE(l.extracted_at, r'(\.[0-9]{6})[0-9]+', r'\1') AS TIMESTAMP) AS extracted_at, l.data AS _v
  FROM `edfi-amt.edfi_sources.student_contact_associations` AS l
  INNER JOIN commits AS c ON c.run_id = l.run_id AND c.school_year = l.school_year
  LEFT JOIN snapshots AS s ON s.school_year = l.school_year
  WHERE l.operation IN ('upsert', 'delete')
    AND l.run_id >= COALESCE(s.run_id, '')
),
latest AS (
SELECT * FROM lines WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY school_year, id ORDER BY run_id DESC, CASE operation WHEN 'delete' THEN 0 ELSE 1 END, extracted_at DESC) = 1
)
SELECT
  id,
  school_year,
  COALESCE(JSON_VALUE(_v, '$.contactReference.contactUniqueId'), JSON_VALUE(_v, '$.parentReference.parentUniqueId')) AS contact_unique_id,
  JSON_VALUE(_v, '$.studentReference.studentUniqueId') AS student_unique_id,
  SPLIT(JSON_VALUE(_v, '$.relationDescriptor'), '#')[SAFE_OFFSET(1)] AS relation_descriptor,
  JSON_VALUE(_v, '$.relationDescriptor') AS relation_descriptor_uri,
  SAFE_CAST(JSON_VALUE(_v, '$.primaryContactStatus') AS BOOL) AS primary_contact_status,
  SAFE_CAST(JSON_VALUE(_v, '$.livesWith') AS BOOL) AS lives_with,
  SAFE_CAST(JSON_VALUE(_v, '$.emergencyContactStatus') AS BOOL) AS emergency_contact_status,
  SAFE_CAST(JSON_VALUE(_v, '$.contactPriority') AS INT64) AS contact_priority,
  JSON_VALUE(_v, '$.contactRestrictions') AS contact_restrictions,
  SAFE_CAST(JSON_VALUE(_v, '$.legalGuardian') AS BOOL) AS legal_guardian,
  COALESCE(SAFE_CAST(REGEXP_REPLACE(JSON_VALUE(_v, '$._lastModifiedDate'), r'(\.[0-9]{6})[0-9]+', r'\1') AS TIMESTAMP), extracted_at) AS last_modified_date,
  extracted_at,
  run_id AS _run_id
FROM latest
WHERE operation = 'upsert'

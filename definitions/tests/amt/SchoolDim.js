// Dataform unit test(s) of AMT SchoolDim (AMT-SPEC §4.5); rows are written with includes/amt_tests.js.
const { rows, date, timestamp, none, declareTest: declare } = amt_tests;

// Only an address of a type mapped to Address.Physical with no period or an open-ended one; the
// apartment segment only when present; the chosen period's begin date counts in LastModifiedDate;
// a school without district gets ''.
const PHYSICAL = "uri://ed-fi.org/AddressTypeDescriptor#Physical";
const address = (parent, school, type, street, apartment, period) => ({
  parent_id: parent, school_year: 2025, school_id: school, address_type_descriptor_uri: type, street_number_name: street, apartment_room_suite_number: apartment,
  city: "Austin", state_abbreviation_descriptor: "TX", state_abbreviation_descriptor_uri: "uri://ed-fi.org/StateAbbreviationDescriptor#TX", postal_code: "78701", name_of_county: "Travis",
  ...(period ? { begin_date: date(period[0]), end_date: period[1] } : {}),
});
const school = (id, number, lea) => ({ id, school_year: 2025, school_id: number, name_of_institution: `School ${number}`, school_type_descriptor: "Regular", school_type_descriptor_uri: "uri://ed-fi.org/SchoolTypeDescriptor#Regular", local_education_agency_id: lea, last_modified_date: timestamp("2024-07-01 00:00:00") });
const noRows = (...columns) => rows([], ["school_year", ...columns]);
declare(
  "test_SchoolDim_physical_address",
  "SchoolDim",
  {
    stg_schools: rows([school("s1", 1, 10), school("s2", 2, null)]),
    stg_school_type_descriptors: rows([{ school_year: 2025, namespace: "uri://ed-fi.org/SchoolTypeDescriptor", code_value: "Regular", uri: "uri://ed-fi.org/SchoolTypeDescriptor#Regular", last_modified_date: timestamp("2024-07-03 00:00:00") }]),
    stg_schools__addresses: rows([
      address("s1", 1, PHYSICAL, "1 Main St", null),
      address("s1", 1, "uri://ed-fi.org/AddressTypeDescriptor#Mailing", "PO Box 9", null),
      address("s2", 2, PHYSICAL, "2 Old Rd", null),
      address("s2", 2, PHYSICAL, "3 New Rd", "Suite 5"),
    ]),
    stg_schools__address_periods: rows([
      address("s2", 2, PHYSICAL, "2 Old Rd", null, ["2010-01-01", date("2030-12-31")]),
      address("s2", 2, PHYSICAL, "3 New Rd", "Suite 5", ["2030-01-01", none("DATE")]),
    ]),
    stg_local_education_agencies: rows([{ school_year: 2025, local_education_agency_id: 10, name_of_institution: "District 10", state_education_agency_id: null, education_service_center_id: null, last_modified_date: timestamp("2024-07-02 00:00:00") }]),
    stg_state_education_agencies: noRows("state_education_agency_id", "name_of_institution", "last_modified_date"),
    stg_education_service_centers: noRows("education_service_center_id", "name_of_institution", "last_modified_date"),
    DescriptorMap: rows([{ ConstantName: "Address.Physical", DescriptorUri: PHYSICAL }]),
  },
  rows([
    {
      SchoolKey: "1", SchoolName: "School 1", SchoolType: "Regular", SchoolAddress: "1 Main St, Austin TX 78701", SchoolCity: "Austin", SchoolCounty: "Travis", SchoolState: "TX",
      LocalEducationAgencyName: "District 10", LocalEducationAgencyKey: "10", StateEducationAgencyName: "", StateEducationAgencyKey: "", EducationServiceCenterName: "", EducationServiceCenterKey: "",
      LastModifiedDate: timestamp("2024-07-03 00:00:00"),
    },
    {
      SchoolKey: "2", SchoolName: "School 2", SchoolType: "Regular", SchoolAddress: "3 New Rd, Suite 5, Austin TX 78701", SchoolCity: "Austin", SchoolCounty: "Travis", SchoolState: "TX",
      LocalEducationAgencyName: "", LocalEducationAgencyKey: "", StateEducationAgencyName: "", StateEducationAgencyKey: "", EducationServiceCenterName: "", EducationServiceCenterKey: "",
      LastModifiedDate: timestamp("2030-01-01 00:00:00"),
    },
  ]),
);

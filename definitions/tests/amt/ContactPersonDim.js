// Dataform unit test(s) of AMT ContactPersonDim (AMT-SPEC §4.10, §3.4 DS 5 contacts); rows are written with includes/amt_tests.js.
const { rows, date, timestamp, none, declareTest: declare } = amt_tests;

// A DS 5 contact: associations without a relation are left out; addresses, telephones and e-mails land
// in the column of their mapped type; an address with an ended period is not current; the apartment
// segment disappears when NULL; the work e-mail is the primary one.
const contact = { school_year: 2025, contact_unique_id: "C1" };
const address = (type, street, apartment, city, postal, end) => ({
  parent_id: "c1", ...contact, address_type_descriptor_uri: `uri://ed-fi.org/AddressTypeDescriptor#${type}`, street_number_name: street,
  apartment_room_suite_number: apartment, city, state_abbreviation_descriptor: "TX", state_abbreviation_descriptor_uri: "uri://ed-fi.org/StateAbbreviationDescriptor#TX", postal_code: postal,
  ...(end === undefined ? {} : { begin_date: date("1999-01-01"), end_date: end }),
});
const mapping = (ConstantName, DescriptorUri) => ({ ConstantName, DescriptorUri });
declare(
  "test_ContactPersonDim_ds5_contact",
  "ContactPersonDim",
  {
    stg_student_contact_associations: rows([
      { ...contact, student_unique_id: "S1", relation_descriptor: "Mother", primary_contact_status: null, lives_with: true, emergency_contact_status: null, contact_priority: 1, contact_restrictions: null, last_modified_date: timestamp("2024-07-01 00:00:00") },
      { ...contact, student_unique_id: "S2", relation_descriptor: null, primary_contact_status: true, lives_with: true, emergency_contact_status: true, contact_priority: 2, contact_restrictions: null, last_modified_date: timestamp("2024-07-01 00:00:00") },
    ]),
    stg_students: rows([{ school_year: 2025, student_unique_id: "S1" }, { school_year: 2025, student_unique_id: "S2" }]),
    stg_contacts: rows([{ id: "c1", ...contact, first_name: "Maria", last_surname: "Lopez", last_modified_date: timestamp("2024-07-05 00:00:00") }]),
    stg_contacts__addresses: rows([
      address("Home", "527 Garland No 1 Rd", null, "Richardson", "75270"),
      address("Mailing", "PO Box 1", "Suite 2", "Richardson", "75080"),
      address("Work", "1 Main St", "Floor 3", "Dallas", "75201"),
    ]),
    stg_contacts__address_periods: rows([address("Mailing", "PO Box 1", "Suite 2", "Richardson", "75080", date("2000-01-01")), address("Work", "1 Main St", "Floor 3", "Dallas", "75201", none("DATE"))]),
    stg_contacts__telephones: rows([{ parent_id: "c1", ...contact, telephone_number: "(972) 555-0100", telephone_number_type_descriptor_uri: "uri://ed-fi.org/TelephoneNumberTypeDescriptor#Mobile" }]),
    stg_contacts__electronic_mails: rows([
      { parent_id: "c1", ...contact, electronic_mail_address: "m@home.org", electronic_mail_type_descriptor_uri: "uri://ed-fi.org/ElectronicMailTypeDescriptor#Home/Personal", primary_email_address_indicator: false },
      { parent_id: "c1", ...contact, electronic_mail_address: "m@work.org", electronic_mail_type_descriptor_uri: "uri://ed-fi.org/ElectronicMailTypeDescriptor#Work", primary_email_address_indicator: true },
    ]),
    DescriptorMap: rows([
      mapping("Address.Home", "uri://ed-fi.org/AddressTypeDescriptor#Home"),
      mapping("Address.Mailing", "uri://ed-fi.org/AddressTypeDescriptor#Mailing"),
      mapping("Address.Work", "uri://ed-fi.org/AddressTypeDescriptor#Work"),
      mapping("Telephone.Mobile", "uri://ed-fi.org/TelephoneNumberTypeDescriptor#Mobile"),
      mapping("Email.Personal", "uri://ed-fi.org/ElectronicMailTypeDescriptor#Home/Personal"),
      mapping("Email.Work", "uri://ed-fi.org/ElectronicMailTypeDescriptor#Work"),
    ]),
  },
  rows([
    {
      UniqueKey: "C1-S1", ContactPersonKey: "C1", StudentKey: "S1", ContactFirstName: "Maria", ContactLastName: "Lopez", RelationshipToStudent: "Mother",
      ContactHomeAddress: "527 Garland No 1 Rd, Richardson TX 75270", ContactPhysicalAddress: "", ContactMailingAddress: "", ContactWorkAddress: "1 Main St, Floor 3, Dallas TX 75201", ContactTemporaryAddress: "",
      HomePhoneNumber: "", MobilePhoneNumber: "(972) 555-0100", WorkPhoneNumber: "", PrimaryEmailAddress: "Work", PersonalEmailAddress: "m@home.org", WorkEmailAddress: "m@work.org",
      IsPrimaryContact: false, StudentLivesWith: true, IsEmergencyContact: false, ContactPriority: 1, ContactRestrictions: "", LastModifiedDate: timestamp("2024-07-05 00:00:00"), PostalCode: "75270",
    },
  ]),
);

// Of two current values of one type the lowest is shown, and what goes with it comes from the same value:
// the postal code of the home address shown, and PrimaryEmailAddress from the personal e-mail shown.
const email = (mail, primary) => ({ parent_id: "c1", ...contact, electronic_mail_address: mail, electronic_mail_type_descriptor_uri: "uri://ed-fi.org/ElectronicMailTypeDescriptor#Home/Personal", primary_email_address_indicator: primary });
declare(
  "test_ContactPersonDim_one_value_per_type",
  "ContactPersonDim",
  {
    stg_student_contact_associations: rows([{ ...contact, student_unique_id: "S1", relation_descriptor: "Father", primary_contact_status: null, lives_with: null, emergency_contact_status: null, contact_priority: null, contact_restrictions: null, last_modified_date: timestamp("2024-07-01 00:00:00") }]),
    stg_students: rows([{ school_year: 2025, student_unique_id: "S1" }]),
    stg_contacts: rows([{ id: "c1", ...contact, first_name: "Luis", last_surname: "Lopez", last_modified_date: timestamp("2024-07-05 00:00:00") }]),
    stg_contacts__addresses: rows([address("Home", "2623 Live Oak Dr", null, "Riverbend", "78704"), address("Home", "100 Alder St", null, "Austin", "78799")]),
    stg_contacts__address_periods: rows([], ["parent_id", "school_year", "address_type_descriptor_uri", "street_number_name", "city", "postal_code", "state_abbreviation_descriptor_uri", "begin_date", "end_date"]),
    stg_contacts__telephones: rows([], ["parent_id", "school_year", "telephone_number", "telephone_number_type_descriptor_uri"]),
    stg_contacts__electronic_mails: rows([email("b@home.org", true), email("a@home.org", false)]),
    DescriptorMap: rows([mapping("Address.Home", "uri://ed-fi.org/AddressTypeDescriptor#Home"), mapping("Email.Personal", "uri://ed-fi.org/ElectronicMailTypeDescriptor#Home/Personal")]),
  },
  rows([
    {
      UniqueKey: "C1-S1", ContactPersonKey: "C1", StudentKey: "S1", ContactFirstName: "Luis", ContactLastName: "Lopez", RelationshipToStudent: "Father",
      ContactHomeAddress: "100 Alder St, Austin TX 78799", ContactPhysicalAddress: "", ContactMailingAddress: "", ContactWorkAddress: "", ContactTemporaryAddress: "",
      HomePhoneNumber: "", MobilePhoneNumber: "", WorkPhoneNumber: "", PrimaryEmailAddress: "Not specified", PersonalEmailAddress: "a@home.org", WorkEmailAddress: "",
      IsPrimaryContact: false, StudentLivesWith: false, IsEmergencyContact: false, ContactPriority: 0, ContactRestrictions: "", LastModifiedDate: timestamp("2024-07-05 00:00:00"), PostalCode: "78799",
    },
  ]),
);

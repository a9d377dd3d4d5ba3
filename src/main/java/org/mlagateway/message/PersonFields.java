package org.mlagateway.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The person fields of a message, as the operator pages and the API show them: for each natural
 * person ({@code msg:Person} and {@code msg:Suspect}, of schema type {@code msg:Person}) the name in
 * each spelling, the date of birth, national id numbers (the IIN) and identity documents (passports).
 * Legal persons are organisations and are not listed.
 *
 * <p>This is also the one place that masks them, for readers who may not see them
 * ({@link #masked()}, docs/personal-data.md):
 * <ul>
 *   <li>each name part becomes its first letter and {@value #MASK}: {@code Сәрсенбаев} is {@code С•••};</li>
 *   <li>a date of birth becomes {@value #MASK} entirely;</li>
 *   <li>an id or document number becomes {@value #MASK} and its last {@value #KEPT_DIGITS} characters:
 *       {@code 880228305469} is {@code •••69}.</li>
 * </ul>
 * Codes (script, language, id scheme, document type, country) stay: they name no one.
 */
public record PersonFields(List<Person> persons) {
    /**
     * The message-log event of a read of person fields by an operator or an auditor: one entry per
     * message shown in one request, with the reader as actor and the view in its details, never a value.
     */
    public static final String READ_EVENT = "person-data-read";
    /** What replaces the hidden part of a value. */
    public static final String MASK = "•••";
    /** How many trailing characters of an id or document number stay visible when masked. */
    public static final int KEPT_DIGITS = 2;

    public PersonFields {
        persons = List.copyOf(persons);
    }

    /**
     * One natural person. {@code role} is the element that names it: {@code Person}, {@code Suspect},
     * {@code PersonConcerned} or {@code Victim}; {@code birthDate} may be null.
     */
    public record Person(
            String role, List<Name> names, String birthDate, List<Identifier> nationalIds, List<Identifier> documents) {
        public Person {
            Objects.requireNonNull(role, "role");
            names = List.copyOf(names);
            nationalIds = List.copyOf(nationalIds);
            documents = List.copyOf(documents);
        }

        Person masked() {
            return new Person(
                    role,
                    names.stream().map(Name::masked).toList(),
                    birthDate == null ? null : MASK,
                    nationalIds.stream().map(Identifier::masked).toList(),
                    documents.stream().map(Identifier::masked).toList());
        }
    }

    /** One spelling of a name; {@code patronymic} may be null. */
    public record Name(String language, String script, String surname, String givenNames, String patronymic) {
        Name masked() {
            return new Name(language, script, initial(surname), initials(givenNames), initial(patronymic));
        }

        /** The name as one line: surname, given names, patronymic. */
        public String full() {
            return surname + " " + givenNames + (patronymic == null ? "" : " " + patronymic);
        }
    }

    /**
     * A national id number ({@code kind} is its scheme, e.g. {@code KZ-IIN}) or an identity document
     * ({@code kind} is its type, e.g. {@code PASSPORT}), with the issuing country.
     */
    public record Identifier(String kind, String country, String number) {
        Identifier masked() {
            return new Identifier(kind, country, tail(number));
        }
    }

    /** No person at all. */
    public static final PersonFields NONE = new PersonFields(List.of());

    /** The persons of a stored (schema-valid) message's XML. */
    public static PersonFields of(byte[] messageXml) {
        Document doc;
        try {
            doc = SafeXml.newDocumentBuilder().parse(new ByteArrayInputStream(messageXml));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException(
                    "the stored message XML does not parse: " + e.getClass().getSimpleName());
        }
        List<Person> persons = new ArrayList<>();
        collect(doc.getDocumentElement(), persons);
        return new PersonFields(persons);
    }

    /** The same persons with every person field masked (see the class comment). */
    public PersonFields masked() {
        return new PersonFields(persons.stream().map(Person::masked).toList());
    }

    /** This, or {@link #masked()} when {@code mask}. */
    public PersonFields shown(boolean mask) {
        return mask ? masked() : this;
    }

    public boolean isEmpty() {
        return persons.isEmpty();
    }

    /** The first letter (code point) and {@link #MASK}; null stays null. */
    static String initial(String part) {
        if (part == null || part.isEmpty()) {
            return part;
        }
        return new String(Character.toChars(part.codePointAt(0))) + MASK;
    }

    /** {@link #initial} of each word, so that two given names stay two. */
    static String initials(String words) {
        if (words == null) {
            return null;
        }
        return String.join(
                " ",
                java.util.Arrays.stream(words.strip().split("\\s+"))
                        .map(PersonFields::initial)
                        .toList());
    }

    /** {@link #MASK} and the last {@link #KEPT_DIGITS} characters; a shorter number is masked entirely. */
    static String tail(String number) {
        if (number == null) {
            return null;
        }
        String n = number.strip();
        return n.length() <= KEPT_DIGITS * 2 ? MASK : MASK + n.substring(n.length() - KEPT_DIGITS);
    }

    private static void collect(Element e, List<Person> out) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && Namespaces.MSG.equals(child.getNamespaceURI())) {
                String name = child.getLocalName();
                if (name.equals("Person") || name.equals("Suspect")) {
                    out.add(person(child, roleOf(child)));
                } else {
                    collect(child, out);
                }
            }
        }
    }

    private static String roleOf(Element person) {
        Node parent = person.getParentNode();
        String parentName = parent == null ? null : parent.getLocalName();
        return "PersonConcerned".equals(parentName) || "Victim".equals(parentName) ? parentName : person.getLocalName();
    }

    private static Person person(Element p, String role) {
        List<Name> names = new ArrayList<>();
        List<Identifier> ids = new ArrayList<>();
        List<Identifier> documents = new ArrayList<>();
        String birthDate = null;
        for (Element c : children(p)) {
            switch (c.getLocalName()) {
                case "Name" ->
                    names.add(new Name(
                            c.getAttributeNS(XMLConstants.XML_NS_URI, "lang"),
                            text(c, "Script"),
                            text(c, "Surname"),
                            text(c, "GivenNames"),
                            text(c, "Patronymic")));
                case "BirthDate" -> birthDate = c.getTextContent().strip();
                case "NationalIdNumber" ->
                    ids.add(new Identifier(text(c, "Scheme"), text(c, "Country"), text(c, "Value")));
                case "IdentityDocument" ->
                    documents.add(new Identifier(text(c, "Type"), text(c, "IssuingCountry"), text(c, "Number")));
                default -> {}
            }
        }
        return new Person(role, names, birthDate, ids, documents);
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && Namespaces.MSG.equals(child.getNamespaceURI())) {
                out.add(child);
            }
        }
        return out;
    }

    private static String text(Element parent, String localName) {
        for (Element c : children(parent)) {
            if (c.getLocalName().equals(localName)) {
                return c.getTextContent().strip();
            }
        }
        return null;
    }
}

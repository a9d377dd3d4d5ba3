package org.mlagateway.security.token;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What SunPKCS11's public API does not tell: which slot holds the token with a given label, whether a
 * token is present, and whether we are logged in to it. These come from the JDK's PKCS#11 wrapper
 * ({@code sun.security.pkcs11.wrapper}), the module the provider itself uses, reached by reflection
 * so that the build needs no access to it; at run time the JVM must export it to us (the jar manifest,
 * the launcher and the test runner do, see {@link #EXPORT}). The wrapper shares one initialised
 * module per library path with every SunPKCS11 instance in the JVM, so both see the same login state.
 */
final class TokenLibrary {
    /** The JVM option that opens the wrapper to the gateway. */
    static final String EXPORT = "--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";

    private static final String WRAPPER = "sun.security.pkcs11.wrapper.";
    /** CKF_OS_LOCKING_OK: the library may use the OS's locks, as SunPKCS11 initialises it. */
    private static final long OS_LOCKING_OK = 0x2L;
    /** CKF_SERIAL_SESSION, required of every session. */
    private static final long SERIAL_SESSION = 0x4L;
    /** CKS_RO_USER_FUNCTIONS and CKS_RW_USER_FUNCTIONS: a session of a logged-in user. */
    private static final long RO_USER = 1L;

    private static final long RW_USER = 3L;
    /** CKF_TOKEN_INITIALIZED: a token that has been set up (SoftHSM2 always offers one that is not). */
    private static final long TOKEN_INITIALIZED = 0x400L;

    /** CKA_CLASS, CKA_LABEL, CKA_KEY_TYPE, CKA_SENSITIVE, CKA_VALUE_LEN, CKA_EXTRACTABLE. */
    private static final long CLASS = 0x0L;

    private static final long LABEL = 0x3L;
    private static final long KEY_TYPE = 0x100L;
    private static final long SENSITIVE = 0x103L;
    private static final long VALUE_LEN = 0x161L;
    private static final long EXTRACTABLE = 0x162L;
    /** CKO_SECRET_KEY and CKK_AES. */
    private static final long SECRET_KEY = 0x4L;

    private static final long AES = 0x1FL;

    /** A slot with a token in it. */
    record Slot(long id, String label) {}

    private final Object p11;
    private final Method slotList;
    private final Method tokenInfo;
    private final Method openSession;
    private final Method sessionInfo;
    private final Method closeSession;
    private final Method findInit;
    private final Method find;
    private final Method findFinal;
    private final Method attributes;
    private final Constructor<?> attribute;
    private final Field label;
    private final Field flags;
    private final Field state;

    private TokenLibrary(Object p11) throws ReflectiveOperationException {
        this.p11 = p11;
        Class<?> type = p11.getClass();
        this.slotList = type.getMethod("C_GetSlotList", boolean.class);
        this.tokenInfo = type.getMethod("C_GetTokenInfo", long.class);
        this.openSession = type.getMethod(
                "C_OpenSession", long.class, long.class, Object.class, Class.forName(WRAPPER + "CK_NOTIFY"));
        this.sessionInfo = type.getMethod("C_GetSessionInfo", long.class);
        this.closeSession = type.getMethod("C_CloseSession", long.class);
        Class<?> attributeType = Class.forName(WRAPPER + "CK_ATTRIBUTE");
        Class<?> template = attributeType.arrayType();
        this.findInit = type.getMethod("C_FindObjectsInit", long.class, template);
        this.find = type.getMethod("C_FindObjects", long.class, long.class);
        this.findFinal = type.getMethod("C_FindObjectsFinal", long.class);
        this.attributes = type.getMethod("C_GetAttributeValue", long.class, long.class, template);
        this.attribute = attributeType.getConstructor(long.class, Object.class);
        this.label = Class.forName(WRAPPER + "CK_TOKEN_INFO").getField("label");
        this.flags = Class.forName(WRAPPER + "CK_TOKEN_INFO").getField("flags");
        this.state = Class.forName(WRAPPER + "CK_SESSION_INFO").getField("state");
    }

    /** The library at {@code path}, initialised once per JVM as SunPKCS11 initialises it. */
    static TokenLibrary load(Path path) {
        try {
            Class<?> wrapper = Class.forName(WRAPPER + "PKCS11");
            Class<?> argsType = Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS");
            Object args = argsType.getConstructor().newInstance();
            argsType.getField("flags").setLong(args, OS_LOCKING_OK);
            Object p11 = wrapper.getMethod("getInstance", String.class, String.class, argsType, boolean.class)
                    .invoke(null, path.toString(), "C_GetFunctionList", args, false);
            return new TokenLibrary(p11);
        } catch (InvocationTargetException e) {
            throw new TokenException(
                    "cannot load the PKCS#11 library " + path + ": " + reason(e.getCause()), e.getCause());
        } catch (IllegalAccessException e) {
            throw new TokenException(
                    "the JVM does not let the gateway query PKCS#11 tokens; start it with " + EXPORT
                            + " (the launcher and the jar's manifest do)",
                    e);
        } catch (ReflectiveOperationException e) {
            throw new TokenException("this JVM has no SunPKCS11 (module jdk.crypto.cryptoki)", e);
        }
    }

    /** Every slot with an initialised token, with the token's label. */
    List<Slot> tokens() {
        List<Slot> slots = new ArrayList<>();
        try {
            for (long id : (long[]) call(slotList, true)) {
                Object info = call(tokenInfo, id);
                if ((flags.getLong(info) & TOKEN_INITIALIZED) != 0) {
                    slots.add(new Slot(id, new String((char[]) label.get(info)).strip()));
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return slots;
    }

    /** The label of the token in {@code slot}; fails when the slot or its token is gone. */
    String label(long slot) {
        try {
            return new String((char[]) label.get(call(tokenInfo, slot))).strip();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether this process is logged in to the token in {@code slot}: login is per application and
     * token, so a session of our own shows it. Closing that session never logs anyone out while the
     * provider holds its own sessions open.
     */
    boolean loggedIn(long slot) {
        long session = (long) call(openSession, slot, SERIAL_SESSION, null, null);
        try {
            long s = state.getLong(call(sessionInfo, session));
            return s == RO_USER || s == RW_USER;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } finally {
            call(closeSession, session);
        }
    }

    /**
     * What makes the secret key labelled {@code alias} in the token in {@code slot} unfit to be a
     * key-encryption key, or null: it must be an AES-256 key that is sensitive and not extractable,
     * so that its value never leaves the token. Needs the process to be logged in to the token.
     */
    String keyEncryptionKeyProblem(long slot, String alias) {
        long session = (long) call(openSession, slot, SERIAL_SESSION, null, null);
        try {
            Object[] template = template(attribute(CLASS, SECRET_KEY), attribute(LABEL, alias.toCharArray()));
            call(findInit, session, template);
            long[] found;
            try {
                found = (long[]) call(find, session, 2L);
            } finally {
                call(findFinal, session);
            }
            if (found.length != 1) {
                return found.length == 0 ? "is not a secret key" : "names several secret keys";
            }
            Object[] values = template(
                    attribute(KEY_TYPE, null),
                    attribute(VALUE_LEN, null),
                    attribute(SENSITIVE, null),
                    attribute(EXTRACTABLE, null));
            call(attributes, session, found[0], values);
            List<String> problems = new ArrayList<>();
            if (((Number) value(values[0])).longValue() != AES) {
                problems.add("is not an AES key");
            } else if (((Number) value(values[1])).longValue() != 32) {
                problems.add("is AES-" + 8 * ((Number) value(values[1])).longValue() + ", not AES-256");
            }
            if (!Boolean.TRUE.equals(value(values[2]))) {
                problems.add("is not sensitive (CKA_SENSITIVE false)");
            }
            if (!Boolean.FALSE.equals(value(values[3]))) {
                problems.add("is extractable (CKA_EXTRACTABLE true)");
            }
            return problems.isEmpty() ? null : String.join(", ", problems);
        } finally {
            call(closeSession, session);
        }
    }

    private Object attribute(long type, Object value) {
        try {
            return attribute.newInstance(type, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object[] template(Object... attributes) {
        Object[] array =
                (Object[]) java.lang.reflect.Array.newInstance(attribute.getDeclaringClass(), attributes.length);
        System.arraycopy(attributes, 0, array, 0, attributes.length);
        return array;
    }

    private static Object value(Object attribute) {
        try {
            return attribute.getClass().getField("pValue").get(attribute);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object call(Method method, Object... args) {
        try {
            return method.invoke(p11, args);
        } catch (InvocationTargetException e) {
            throw new TokenException(reason(e.getCause()), e.getCause());
        } catch (IllegalAccessException e) {
            throw new TokenException("no access to the PKCS#11 wrapper; start the JVM with " + EXPORT, e);
        }
    }

    /** The PKCS#11 return value (e.g. {@code CKR_TOKEN_NOT_PRESENT}) or the exception's message. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("CKR_")) {
                return t.getMessage();
            }
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}

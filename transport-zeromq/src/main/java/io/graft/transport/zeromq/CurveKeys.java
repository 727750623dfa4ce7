package io.graft.transport.zeromq;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.zeromq.ZMQ;

/**
 * CurveZMQ key utilities: generate a key pair, check and decode Z85 text, derive a public key from a secret
 * key. Run {@code java -cp transport-zeromq.jar:jeromq.jar io.graft.transport.zeromq.CurveKeys} to print a new
 * key pair for one member (see {@link #main}).
 */
public final class CurveKeys {
    /** Key length in bytes. */
    public static final int KEY_BYTES = 32;
    /** Key length in Z85 characters. */
    public static final int KEY_CHARS = 40;

    private static final String Z85_ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    private static final BigInteger CURVE25519_BASE_POINT = BigInteger.valueOf(9);

    /**
     * A Z85-encoded CurveZMQ key pair.
     *
     * @param publicKey 40 characters; goes into every node's {@code publicKeys} list
     * @param secretKey 40 characters; stays with its member only (a file or an environment variable)
     */
    public record KeyPair(String publicKey, String secretKey) {
        @Override
        public String toString() {
            return "KeyPair[publicKey=" + publicKey + ", secretKey=<hidden>]";
        }
    }

    private CurveKeys() {
    }

    /** A fresh random key pair. */
    public static KeyPair generate() {
        ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
        return new KeyPair(pair.publicKey, pair.secretKey);
    }

    /**
     * Decodes a Z85 key.
     *
     * @param what names the key in the error message, e.g. {@code "public key of member 2"}
     * @throws IllegalArgumentException if {@code z85} is not 40 valid Z85 characters
     */
    public static byte[] decode(String z85, String what) {
        String text = z85 == null ? "" : z85.trim();
        if (text.length() != KEY_CHARS) {
            throw new IllegalArgumentException(what + " must be " + KEY_CHARS + " Z85 characters, got "
                    + text.length() + "; generate keys with io.graft.transport.zeromq.CurveKeys");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Z85_ALPHABET.indexOf(text.charAt(i)) < 0) {
                throw new IllegalArgumentException(what + " has a character that is not Z85 at position " + (i + 1));
            }
        }
        byte[] key = ZMQ.Curve.z85Decode(text);
        if (key == null || key.length != KEY_BYTES || !ZMQ.Curve.z85Encode(key).equals(text)) {
            throw new IllegalArgumentException(what + " is not a valid Z85 encoding of a " + KEY_BYTES + "-byte key");
        }
        return key;
    }

    /** The Curve25519 public key belonging to {@code secretKey} (both raw 32-byte keys). */
    public static byte[] publicKeyOf(byte[] secretKey) {
        if (secretKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("a secret key has " + KEY_BYTES + " bytes, got " + secretKey.length);
        }
        try {
            // X25519(secret, base point) is the public key; the JDK's XDH clamps the scalar as NaCl does.
            KeyFactory factory = KeyFactory.getInstance("XDH");
            PrivateKey priv = factory.generatePrivate(
                    new XECPrivateKeySpec(NamedParameterSpec.X25519, secretKey.clone()));
            PublicKey base = factory.generatePublic(
                    new XECPublicKeySpec(NamedParameterSpec.X25519, CURVE25519_BASE_POINT));
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(priv);
            agreement.doPhase(base, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute X25519 (needs Java 11 or later)", e);
        }
    }

    /** Whether two keys are equal, in time independent of where they differ. */
    static boolean sameKey(byte[] a, byte[] b) {
        return java.security.MessageDigest.isEqual(a, b);
    }

    /** A short, safe-to-log fingerprint of a public key (its first Z85 characters). */
    static String fingerprint(byte[] publicKey) {
        return ZMQ.Curve.z85Encode(Arrays.copyOf(publicKey, KEY_BYTES)).substring(0, 8) + "...";
    }

    /**
     * Prints a new key pair: the line to add to {@code transportOptions.publicKeys} and the secret key to keep
     * in the member's {@code secretKeyFile} or {@code GRAFT_CURVE_SECRET_KEY} variable.
     *
     * @param args optionally the member id, to print a ready-to-paste {@code publicKeys} entry
     */
    public static void main(String[] args) {
        // A command-line tool: its output is the result, not logging.
        KeyPair pair = generate();
        String member = args.length > 0 ? args[0] : "<memberId>";
        System.out.println("publicKeys entry : \"" + member + ":" + pair.publicKey() + "\"");
        System.out.println("secret key       : " + pair.secretKey());
    }
}

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build-time tool for the runtime distribution (JDK 24+, java.lang.classfile): rewrites a jar in
 * place so that JDK 25's ahead-of-time cache can hold its classes. Two things keep a class out:
 *
 * <ul>
 * <li>Class files older than Java 6 (major version below 50), as all of picocli's (Java 5): the
 *     JVM verifies them with the slow type-inferencing verifier, and the cache stores no such
 *     class in linked form, nor any class that implements one of their interfaces (ovl's
 *     converters, handlers, commands). They are rewritten as Java 8 class files (52) with the
 *     stack map frames that version needs, computed here; the instructions stay the same.
 * <li>A jar signature, as on Bouncy Castle's jars: the cache takes no class from a signed jar, and
 *     every class loaded from one is checked against its digest. sshj registers Bouncy Castle as a
 *     security provider when it starts, which loads hundreds of its classes: most of ovl's CPU
 *     time on one host. The signature files and the manifest's per-entry digests are dropped (a
 *     JCE provider need not be signed on OpenJDK); the classes are byte for byte the same.
 * </ul>
 *
 * Other entries are copied as they are, in the same order.
 *
 *   java RuntimeJars.java JAR...      (prints what it changed in each)
 */
public final class RuntimeJars {
    private static final Pattern SIGNATURE_FILE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)");

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: java RuntimeJars.java JAR...");
            System.exit(2);
        }
        for (String arg : args) {
            rewrite(Path.of(arg));
        }
    }

    private static void rewrite(Path jar) throws IOException {
        Path out = jar.resolveSibling(jar.getFileName() + ".new");
        int upgraded = 0;
        int signatureFiles = 0;
        try (URLClassLoader jarLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
                ZipFile zip = new ZipFile(jar.toFile());
                ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(out))) {
            // Stack map frames need the class hierarchy: the jar's own classes, then the JDK's.
            ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                    ClassHierarchyResolver.ofResourceParsing(jarLoader)
                            .orElse(ClassHierarchyResolver.defaultResolver())));
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (SIGNATURE_FILE.matcher(name).matches()) {
                    signatureFiles++;
                    continue;
                }
                byte[] bytes;
                try (InputStream data = zip.getInputStream(entry)) {
                    bytes = data.readAllBytes();
                }
                if (name.equals("META-INF/MANIFEST.MF")) {
                    bytes = mainSection(bytes);
                } else if (name.endsWith(".class") && !name.startsWith("META-INF/")
                        && majorVersion(bytes) < ClassFile.JAVA_6_VERSION) {
                    ClassModel model = classFile.parse(bytes);
                    bytes = classFile.transformClass(model, ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                            .andThen((builder, element) -> {
                                if (element instanceof ClassFileVersion) {
                                    builder.with(ClassFileVersion.of(ClassFile.JAVA_8_VERSION, 0));
                                } else {
                                    builder.with(element);
                                }
                            }));
                    upgraded++;
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(entry.getTime());
                zout.putNextEntry(copy);
                zout.write(bytes);
                zout.closeEntry();
            }
        }
        if (upgraded == 0 && signatureFiles == 0) {
            Files.delete(out);
            return;
        }
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println(jar.getFileName() + ": " + (upgraded > 0 ? upgraded + " class files rewritten as Java 8 class files" : "")
                + (upgraded > 0 && signatureFiles > 0 ? ", " : "")
                + (signatureFiles > 0 ? "signature removed (" + signatureFiles + " files)" : ""));
    }

    /** The manifest's main section only: the per-entry sections hold the signature's digests. */
    private static byte[] mainSection(byte[] manifest) {
        String text = new String(manifest, StandardCharsets.UTF_8).replace("\r\n", "\n");
        int end = text.indexOf("\n\n");
        return (end < 0 ? text : text.substring(0, end + 1) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static int majorVersion(byte[] classBytes) {
        return ((classBytes[6] & 0xff) << 8) | (classBytes[7] & 0xff);
    }
}
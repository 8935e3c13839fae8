import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build-time tool for the bundled runtime (JDK 24+, java.lang.classfile): copies a jar, rewriting
 * every class file older than Java 6 (major version below 50) as a Java 8 class file (52), with
 * the stack map frames that version requires, computed here. Nothing else changes: same entries,
 * same order, same bytecode instructions.
 *
 * Why: picocli's jar is compiled for Java 5. The JVM verifies such "old" classes with the slow
 * type-inferencing verifier, and JDK 25's ahead-of-time cache stores no old class in linked
 * form, nor any class that implements one of their interfaces (ovl's converters, handlers and
 * commands): they would all be loaded, verified and linked again on every run.
 *
 *   java UpgradeClassFiles.java IN.jar OUT.jar      (prints how many classes it rewrote)
 */
public final class UpgradeClassFiles {
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java UpgradeClassFiles.java IN.jar OUT.jar");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int rewritten = 0;
        try (URLClassLoader jarLoader = new URLClassLoader(new URL[] {in.toUri().toURL()}, null);
                ZipFile zip = new ZipFile(in.toFile());
                ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(out))) {
            // Stack map frames need the class hierarchy: the jar's own classes, then the JDK's.
            ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                    ClassHierarchyResolver.ofResourceParsing(jarLoader)
                            .orElse(ClassHierarchyResolver.defaultResolver())));
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream data = zip.getInputStream(entry)) {
                    bytes = data.readAllBytes();
                }
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")
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
                    rewritten++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                zout.putNextEntry(copy);
                zout.write(bytes);
                zout.closeEntry();
            }
        }
        System.out.println("rewrote " + rewritten + " class files of " + in.getFileName() + " as Java 8 class files");
    }

    private static int majorVersion(byte[] classBytes) {
        return ((classBytes[6] & 0xff) << 8) | (classBytes[7] & 0xff);
    }
}

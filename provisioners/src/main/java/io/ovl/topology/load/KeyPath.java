package io.ovl.topology.load;

/** Building and walking key paths of the form {@code hosts[2].ssh.port}. */
final class KeyPath {
    private KeyPath() {
    }

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** "hosts[2].ssh" for "hosts[2].ssh.port", "hosts" for "hosts[2]", "" for "hosts". */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}

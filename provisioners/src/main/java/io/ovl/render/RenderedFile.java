package io.ovl.render;

/**
 * A file ovl would write on a host: its absolute path and full content. Plans diff it against what
 * is there; init writes it atomically.
 */
public record RenderedFile(String path, String content) {
}

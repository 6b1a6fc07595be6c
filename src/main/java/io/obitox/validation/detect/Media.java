package io.obitox.validation.detect;

import static io.obitox.validation.detect.Bytes.at;
import static io.obitox.validation.detect.Bytes.u32be;

import java.util.Map;

/**
 * Audio, video and modern image containers whose signatures need more than a fixed prefix: ISO media ({@code ftyp}
 * at offset 4, told apart by brand), RIFF (form type at offset 8: WebP, WAV, AVI), Matroska/WebM (EBML DocType),
 * MPEG audio (ID3 tag or bare frame sync, checked against the next frame), AAC (ADTS) and Ogg.
 */
final class Media {
    /** ISO base media brands → type and description. Unknown brands still are ISO media (video/mp4). */
    private static final Map<String, String[]> BRANDS = Map.ofEntries(
            Map.entry("isom", new String[] {"video/mp4", "detect.mp4Video"}),
            Map.entry("iso2", new String[] {"video/mp4", "detect.mp4Video"}),
            Map.entry("iso4", new String[] {"video/mp4", "detect.mp4Video"}),
            Map.entry("iso5", new String[] {"video/mp4", "detect.mp4Video"}),
            Map.entry("iso6", new String[] {"video/mp4", "detect.mp4Video"}),
            Map.entry("mp41", new String[] {"video/mp4", "detect.mp4Video"}),
            Map.entry("mp42", new String[] {"video/mp4", "detect.mp4Video"}),
            Map.entry("avc1", new String[] {"video/mp4", "detect.mp4VideoH264"}),
            Map.entry("dash", new String[] {"video/mp4", "detect.mp4VideoDash"}),
            Map.entry("mmp4", new String[] {"video/mp4", "detect.mp4VideoMobile"}),
            Map.entry("MSNV", new String[] {"video/mp4", "detect.mp4Video"}),
            Map.entry("f4v ", new String[] {"video/mp4", "detect.flashMp4Video"}),
            Map.entry("M4V ", new String[] {"video/x-m4v", "detect.m4vVideo"}),
            Map.entry("M4VH", new String[] {"video/x-m4v", "detect.m4vVideo"}),
            Map.entry("M4VP", new String[] {"video/x-m4v", "detect.m4vVideo"}),
            Map.entry("M4A ", new String[] {"audio/mp4", "detect.mpeg4AudioM4a"}),
            Map.entry("M4B ", new String[] {"audio/mp4", "detect.mpeg4AudioBookM4b"}),
            Map.entry("M4P ", new String[] {"audio/mp4", "detect.mpeg4AudioProtected"}),
            Map.entry("F4A ", new String[] {"audio/mp4", "detect.flashMp4Audio"}),
            Map.entry("qt  ", new String[] {"video/quicktime", "detect.quicktimeMovie"}),
            Map.entry("3gp4", new String[] {"video/3gpp", "detect.3gppVideo"}),
            Map.entry("3gp5", new String[] {"video/3gpp", "detect.3gppVideo"}),
            Map.entry("3gp6", new String[] {"video/3gpp", "detect.3gppVideo"}),
            Map.entry("3ge6", new String[] {"video/3gpp", "detect.3gppVideo"}),
            Map.entry("3gg6", new String[] {"video/3gpp", "detect.3gppVideo"}),
            Map.entry("3g2a", new String[] {"video/3gpp2", "detect.3gpp2Video"}),
            Map.entry("heic", new String[] {"image/heic", "detect.heicImage"}),
            Map.entry("heix", new String[] {"image/heic", "detect.heicImage"}),
            Map.entry("heim", new String[] {"image/heic", "detect.heicImage"}),
            Map.entry("heis", new String[] {"image/heic", "detect.heicImage"}),
            Map.entry("hevc", new String[] {"image/heic", "detect.heicImageSequence"}),
            Map.entry("hevx", new String[] {"image/heic", "detect.heicImageSequence"}),
            Map.entry("avif", new String[] {"image/avif", "detect.avifImage"}),
            Map.entry("avis", new String[] {"image/avif", "detect.avifImageSequence"}),
            Map.entry("mif1", new String[] {"image/heif", "detect.heifImage"}),
            Map.entry("msf1", new String[] {"image/heif", "detect.heifImageSequence"}),
            Map.entry("crx ", new String[] {"image/x-canon-cr3", "detect.canonCr3RawImage"}));

    private static final int[][] BITRATES = {
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // MPEG-1 layer I
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384}, // MPEG-1 layer II
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}, // MPEG-1 layer III
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256}, // MPEG-2/2.5 layer I
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160} // MPEG-2/2.5 layers II and III
    };
    private static final int[][] SAMPLE_RATES = {
        {11025, 12000, 8000}, {0, 0, 0}, {22050, 24000, 16000}, {44100, 48000, 32000}
    };

    private Media() {}

    /** {@code ftyp} box at offset 4; major brand at 8, compatible brands after the minor version. */
    static DetectedType isoMedia(byte[] h, int n) {
        if (n < 12 || !at(h, n, 4, "ftyp")) {
            return null;
        }
        String major = Bytes.ascii(h, 8, 4);
        String[] known = BRANDS.get(major);
        boolean generic = known == null || known[0].equals("video/mp4") || major.equals("mif1") || major.equals("msf1");
        if (generic) {
            // an HEIC or AVIF photo often has mif1/isom as major brand and says what it is among the compatible ones
            long box = u32be(h, 0);
            int end = (int) Math.min(n, box < 16 ? n : Math.min(box, 4096));
            for (int off = 16; off + 4 <= end; off += 4) {
                String[] c = BRANDS.get(Bytes.ascii(h, off, 4));
                if (c != null && (c[0].equals("image/heic") || c[0].equals("image/avif"))) {
                    return DetectedType.of(c[0], c[1]);
                }
            }
        }
        if (known != null) {
            return DetectedType.of(known[0], known[1]);
        }
        return DetectedType.of("video/mp4", "detect.isoMedia", major.trim());
    }

    /** QuickTime files written before {@code ftyp} existed start with a moov, mdat, wide, free or skip atom. */
    static DetectedType legacyQuickTime(byte[] h, int n, long size) {
        if (n < 8) {
            return null;
        }
        String atom = Bytes.ascii(h, 4, 4);
        long box = u32be(h, 0);
        boolean atomName = atom.equals("moov")
                || atom.equals("mdat")
                || atom.equals("wide")
                || atom.equals("free")
                || atom.equals("skip")
                || atom.equals("pnot");
        if (atomName && (box == 1 || (box >= 8 && box <= size))) {
            return DetectedType.of("video/quicktime", "detect.quicktimeMovie");
        }
        return null;
    }

    static DetectedType riff(byte[] h, int n) {
        if (n < 12 || !(at(h, n, 0, "RIFF") || at(h, n, 0, "RIFX"))) {
            return null;
        }
        String form = Bytes.ascii(h, 8, 4);
        switch (form) {
            case "WEBP":
                return DetectedType.of("image/webp", "detect.webpImage");
            case "WAVE":
                return DetectedType.of("audio/vnd.wave", "detect.wavAudio");
            case "AVI ":
                return DetectedType.of("video/x-msvideo", "detect.aviVideo");
            default:
                return null; // other RIFF forms (MIDI, CD-XA, ANI…) are left to Tika
        }
    }

    /** EBML header; the DocType element (0x4282) says webm or matroska. */
    static DetectedType matroska(byte[] h, int n) {
        if (!at(h, n, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return null;
        }
        int end = Math.min(n, 64);
        for (int i = 4; i + 3 < end; i++) {
            if ((h[i] & 0xFF) == 0x42 && (h[i + 1] & 0xFF) == 0x82 && (h[i + 2] & 0x80) != 0) {
                int len = h[i + 2] & 0x7F;
                String docType = i + 3 + len <= n ? Bytes.ascii(h, i + 3, len).trim() : "";
                if (docType.equals("webm")) {
                    return DetectedType.of("video/webm", "detect.webmVideo");
                }
                break;
            }
        }
        return DetectedType.of("video/x-matroska", "detect.matroskaVideo");
    }

    /** MP3 with an ID3v2 tag: look past the tag for what the audio really is. */
    static DetectedType id3(byte[] h, int n, long size) {
        if (n < 10 || !at(h, n, 0, "ID3") || (h[3] & 0xFF) > 4 || (h[6] | h[7] | h[8] | h[9]) < 0) {
            return null;
        }
        int tagSize = (h[6] & 0x7F) << 21 | (h[7] & 0x7F) << 14 | (h[8] & 0x7F) << 7 | (h[9] & 0x7F);
        long audio = 10L + tagSize + ((h[5] & 0x10) != 0 ? 10 : 0);
        if (audio + 4 <= n) {
            int a = (int) audio;
            if (at(h, n, a, "fLaC")) {
                return DetectedType.of("audio/x-flac", "detect.flacAudioId3Tag");
            }
            if (adtsLength(h, n, a) > 0) {
                return DetectedType.of("audio/x-aac", "detect.aacAudioId3Tag");
            }
        }
        return DetectedType.of("audio/mpeg", "detect.mp3AudioId3Tag");
    }

    /** A bare MPEG audio frame (no tag): valid header, and the next frame where the buffer shows it. */
    static DetectedType mpegFrames(byte[] h, int n, long size) {
        int len = mpegFrameLength(h, n, 0);
        if (len > 0) {
            int next = len;
            boolean confirmed = next + 4 > n
                    ? next >= n || size > n
                    : mpegFrameLength(h, n, next) > 0 && (h[1] & 0xFE) == (h[next + 1] & 0xFE);
            if (confirmed) {
                int layer = 4 - ((h[1] >> 1) & 3);
                return layer == 3
                        ? DetectedType.of("audio/mpeg", "detect.mp3Audio")
                        : DetectedType.of("audio/mpeg", "detect.mpegLayer", String.valueOf(layer));
            }
        }
        int adts = adtsLength(h, n, 0);
        if (adts > 0 && (adts + 2 > n || adtsLength(h, n, adts) > 0)) {
            return DetectedType.of("audio/x-aac", "detect.aacAudioAdts");
        }
        return null;
    }

    static DetectedType ogg(byte[] h, int n) {
        if (!at(h, n, 0, "OggS")) {
            return null;
        }
        if (at(h, n, 28, 0x01, 'v', 'o', 'r', 'b', 'i', 's')) {
            return DetectedType.of("audio/ogg", "detect.oggVorbisAudio");
        }
        if (at(h, n, 28, "OpusHead")) {
            return DetectedType.of("audio/ogg", "detect.oggOpusAudio");
        }
        if (at(h, n, 28, 0x80, 't', 'h', 'e', 'o', 'r', 'a')) {
            return DetectedType.of("video/ogg", "detect.oggTheoraVideo");
        }
        return DetectedType.of("application/ogg", "detect.oggMedia");
    }

    /** Length of the MPEG audio frame whose header is at {@code off}, or -1 when it is not a valid header. */
    private static int mpegFrameLength(byte[] h, int n, int off) {
        if (off + 4 > n || (h[off] & 0xFF) != 0xFF || (h[off + 1] & 0xE0) != 0xE0) {
            return -1;
        }
        int version = (h[off + 1] >> 3) & 3; // 0 = 2.5, 1 reserved, 2 = MPEG-2, 3 = MPEG-1
        int layer = (h[off + 1] >> 1) & 3; // 1 = III, 2 = II, 3 = I, 0 reserved
        int bitrateIndex = (h[off + 2] >> 4) & 0xF;
        int rateIndex = (h[off + 2] >> 2) & 3;
        if (version == 1 || layer == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return -1;
        }
        boolean v1 = version == 3;
        int table = v1 ? 3 - layer : (layer == 3 ? 3 : 4);
        int bitrate = BITRATES[table][bitrateIndex] * 1000;
        int rate = SAMPLE_RATES[version][rateIndex];
        int padding = (h[off + 2] >> 1) & 1;
        if (layer == 3) {
            return (12 * bitrate / rate + padding) * 4;
        }
        return (layer == 1 && !v1 ? 72 : 144) * bitrate / rate + padding;
    }

    /** Length of the ADTS (AAC) frame at {@code off}, or -1. */
    private static int adtsLength(byte[] h, int n, int off) {
        if (off + 7 > n || (h[off] & 0xFF) != 0xFF || (h[off + 1] & 0xF6) != 0xF0) {
            return -1;
        }
        if (((h[off + 2] >> 2) & 0xF) > 12) {
            return -1;
        }
        int len = (h[off + 3] & 3) << 11 | (h[off + 4] & 0xFF) << 3 | (h[off + 5] & 0xFF) >> 5;
        return len >= 7 ? len : -1;
    }
}

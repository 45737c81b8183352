package org.gridcase.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure parts of an upload's treatment: turning an image upright by its EXIF orientation, the stored name. */
class ContentInspectorTest {

    private static final int MARK = 0xFF0000;

    /** Stored 4×2 with its top-left pixel marked: where the mark is seen, and the size seen, per orientation. */
    @ParameterizedTest(name = "orientation {0}: mark at {1},{2}")
    @CsvSource({"1, 0, 0, 4, 2", "2, 3, 0, 4, 2", "3, 3, 1, 4, 2", "4, 0, 1, 4, 2",
            "5, 0, 0, 2, 4", "6, 1, 0, 2, 4", "7, 1, 3, 2, 4", "8, 0, 3, 2, 4"})
    void anImageIsTurnedAsItsExifOrientationSays(int orientation, int x, int y, int width, int height) {
        BufferedImage stored = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        stored.setRGB(0, 0, MARK);

        BufferedImage seen = ContentInspector.upright(stored, orientation);

        assertThat(seen.getWidth()).isEqualTo(width);
        assertThat(seen.getHeight()).isEqualTo(height);
        assertThat(seen.getRGB(x, y) & 0xFFFFFF).isEqualTo(MARK);
        int marked = 0;
        for (int i = 0; i < width; i++) {
            for (int j = 0; j < height; j++) {
                marked += (seen.getRGB(i, j) & 0xFFFFFF) == MARK ? 1 : 0;
            }
        }
        assertThat(marked).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "现场照片.jpg | JPEG | 现场照片.jpg",
            "photo.pdf | PNG | photo.png",
            "C:\\Users\\张三\\Desktop\\门牌.JPG | JPEG | 门牌.jpg",
            "../../etc/passwd | PDF | passwd.pdf",
            "a\"b;c<d>.pdf | PDF | a_b_c_d_.pdf",
            ".htaccess | PNG | 附件.png",
            "'' | PDF | 附件.pdf"})
    void theStoredNameIsTheLastSegmentCleanedWithTheExtensionOfItsRealType(String sent, AttachmentType type,
            String stored) {
        assertThat(Attachments.safeName(sent.equals("''") ? "" : sent, type)).isEqualTo(stored);
    }

    @org.junit.jupiter.api.Test
    void aLongNameIsCutToItsColumnWithoutSplittingACharacter() {
        String name = Attachments.safeName("𠮷".repeat(200) + ".jpg", AttachmentType.JPEG);
        assertThat(name.length()).isLessThanOrEqualTo(CaseAttachment.FILE_NAME_LENGTH);
        assertThat(name).endsWith(".jpg");
        assertThat(Character.isHighSurrogate(name.charAt(name.length() - 5))).isFalse();
    }
}

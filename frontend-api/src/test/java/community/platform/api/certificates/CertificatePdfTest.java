package community.platform.api.certificates;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The QR code printed on a certificate reads back, with a real decoder, as the address of its verification page. */
class CertificatePdfTest {

    @Test
    void theQrCodeDecodesToTheVerificationPage() throws Exception {
        URI page = URI.create("https://community.example.cn/certificates/7K2M-Q9XD-0A1B-ZZ34");
        BitMatrix matrix = CertificatePdf.qrMatrix(page);
        int scale = 4;
        int[] pixels = new int[matrix.getWidth() * scale * matrix.getHeight() * scale];
        for (int y = 0; y < matrix.getHeight() * scale; y++) {
            for (int x = 0; x < matrix.getWidth() * scale; x++) {
                pixels[y * matrix.getWidth() * scale + x] = matrix.get(x / scale, y / scale) ? 0xff000000 : 0xffffffff;
            }
        }
        BinaryBitmap image = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(
                matrix.getWidth() * scale, matrix.getHeight() * scale, pixels)));

        assertThat(new QRCodeReader().decode(image).getText()).isEqualTo(page.toString());
    }
}

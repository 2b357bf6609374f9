package community.platform.api.certificates;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.FontSelector;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import community.platform.api.volunteering.Hours;
import community.platform.shared.certificates.CertificateRecord;
import community.platform.shared.certificates.CertifiedDuty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static community.platform.api.web.LocalTime.ZONE;

/**
 * An hour certificate as an A4 PDF (OpenPDF), in Chinese with English alongside: the volunteer, the period, each duty
 * with its date, post and hours, the total, and how to check it: the code, the page's address and a QR code of it,
 * and where the certificate stands in the log. Chinese is set in Droid Sans Fallback, embedded (the subset used), so
 * it reads the same on any reader; Latin in Helvetica.
 */
final class CertificatePdf {

    private static final BaseFont CJK = cjkFont();
    private static final float QR_SIZE = 110;
    private static final DateTimeFormatter ISSUED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private CertificatePdf() {
    }

    static byte[] of(CertificateRecord certificate, URI verification) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 56, 56, 56, 56);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, pdf);
            document.addTitle("志愿服务时长证明 Volunteer Service Hours Certificate " + certificate.code());
            document.addCreator("Community platform");
            document.open();
            document.add(centered(text("志愿服务时长证明", 20)));
            document.add(centered(text("Volunteer Service Hours Certificate", 13)));
            document.add(new Paragraph(" "));
            document.add(new Paragraph(text("兹证明 " + certificate.displayName() + " 于 " + certificate.from()
                                                    + " 至 " + certificate.to() + " 期间参加志愿服务共 "
                                                    + Hours.of(certificate.totalMinutes()) + " 小时。", 12)));
            document.add(new Paragraph(text("This certifies that " + certificate.displayName() + " served "
                                                    + Hours.of(certificate.totalMinutes())
                                                    + " hours as a volunteer from " + certificate.from() + " to "
                                                    + certificate.to() + ".", 11)));
            document.add(new Paragraph(" "));
            document.add(duties(certificate));
            document.add(new Paragraph(" "));
            document.add(new Paragraph(text("验证码 Verification code: " + certificate.code(), 12)));
            document.add(new Paragraph(text("验证 Verify at: " + verification, 10)));
            document.add(new Paragraph(text("签发时间 Issued: " + ISSUED.format(certificate.issuedAt().atZone(ZONE))
                                                    + " (Beijing time)", 10)));
            document.add(new Paragraph(text("记录位置 Recorded in the event log at position "
                                                    + certificate.position()
                                                    + "; any seal of the log taken since covers it.", 10)));
            document.add(qrCode(writer.getDirectContent(), verification));
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("The certificate could not be laid out", e);
        }
        return pdf.toByteArray();
    }

    private static PdfPTable duties(CertificateRecord certificate) {
        PdfPTable table = new PdfPTable(new float[]{2, 6, 2});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String heading : new String[]{"日期 Date", "岗位 Post", "小时 Hours"}) {
            table.addCell(new PdfPCell(text(heading, 10)));
        }
        for (CertifiedDuty duty : certificate.duties()) {
            table.addCell(new PdfPCell(text(duty.date().toString(), 10)));
            table.addCell(new PdfPCell(text(duty.title(), 10)));
            table.addCell(new PdfPCell(text(Hours.of(duty.minutes()).toPlainString(), 10)));
        }
        table.addCell(new PdfPCell(text("", 10)));
        table.addCell(new PdfPCell(text("合计 Total", 10)));
        table.addCell(new PdfPCell(text(Hours.of(certificate.totalMinutes()).toPlainString(), 10)));
        return table;
    }

    /** The address as a QR code, drawn as squares (vectors): sharp at any zoom, and no image library involved. */
    private static Image qrCode(PdfContentByte canvas, URI address) throws DocumentException {
        BitMatrix matrix = qrMatrix(address);
        float module = QR_SIZE / matrix.getWidth();
        PdfTemplate code = canvas.createTemplate(QR_SIZE, QR_SIZE);
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int column = 0; column < matrix.getWidth(); column++) {
                if (matrix.get(column, row)) {
                    code.rectangle(column * module, (matrix.getHeight() - 1 - row) * module, module, module);
                }
            }
        }
        code.fill();
        Image image = Image.getInstance(code);
        image.setAlignment(Element.ALIGN_RIGHT);
        return image;
    }

    /** The address's QR code (ZXing), medium error correction, with a quiet zone of two modules. */
    static BitMatrix qrMatrix(URI address) {
        try {
            return new QRCodeWriter().encode(address.toString(), BarcodeFormat.QR_CODE, 0, 0,
                                             Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                                                    EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalArgumentException("The address does not fit a QR code: " + address, e);
        }
    }

    /** Latin letters in Helvetica, everything else in the embedded CJK font. */
    private static Phrase text(String text, float size) {
        FontSelector selector = new FontSelector();
        selector.addFont(new Font(Font.HELVETICA, size));
        selector.addFont(new Font(CJK, size));
        return selector.process(text);
    }

    private static Paragraph centered(Phrase phrase) {
        Paragraph paragraph = new Paragraph(phrase);
        paragraph.setAlignment(Element.ALIGN_CENTER);
        return paragraph;
    }

    private static BaseFont cjkFont() {
        try (InputStream font = CertificatePdf.class.getResourceAsStream("/fonts/DroidSansFallbackFull.ttf")) {
            if (font == null) {
                throw new IllegalStateException("fonts/DroidSansFallbackFull.ttf is missing from the classpath");
            }
            return BaseFont.createFont("DroidSansFallbackFull.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
                                       font.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DocumentException e) {
            throw new IllegalStateException("The CJK font could not be read", e);
        }
    }
}

package org.gridcase.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.gridcase.registry.AreaLevel;
import org.gridcase.registry.Registry;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import jakarta.servlet.http.HttpServletResponse;

/**
 * 一格一码: a QR code per grid that opens the report page with the grid preset, a printable A4 poster per grid (its
 * name, its grid workers with their work phones, the code), and a zip of every poster under a community or town. For
 * staff (the API's login); the QR code points at {@code gridcase.public-url}.
 */
@RestController
class GridPosters {

    private final Registry registry;
    private final String publicUrl;

    GridPosters(Registry registry, @Value("${gridcase.public-url:http://localhost:8080}") String publicUrl) {
        this.registry = registry;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @GetMapping("/api/registry/areas/{code}/qr.png")
    ResponseEntity<byte[]> qr(@PathVariable String code, HttpServletResponse response) {
        Registry.AreaRef grid = grid(code);
        response.setCharacterEncoding((String) null); // binary: no charset (server.servlet.encoding.force)
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .header("Content-Disposition", ContentDisposition.inline()
                        .filename(grid.code() + ".png", StandardCharsets.UTF_8).build().toString())
                .body(png(reportUrl(grid.code()), 480));
    }

    @GetMapping("/api/registry/areas/{code}/poster")
    ResponseEntity<String> poster(@PathVariable String code) {
        return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .header("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
                .body(posterHtml(grid(code)));
    }

    /** Every grid's poster (HTML with the code inside) and code (PNG) under a community or town, in one zip. */
    @GetMapping("/api/registry/areas/{code}/posters.zip")
    ResponseEntity<byte[]> posters(@PathVariable String code, HttpServletResponse response) {
        response.setCharacterEncoding((String) null);
        Registry.AreaRef area = registry.area(code).orElseThrow(() -> new NotFoundException("区域 " + code + " 不存在"));
        List<String> grids = List.copyOf(registry.gridsUnder(List.of(area.code())));
        if (grids.isEmpty()) {
            throw InvalidInputException.of("code", area.name() + " 下没有网格");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (String gridCode : grids) {
                Registry.AreaRef grid = grid(gridCode);
                zip.putNextEntry(new ZipEntry(grid.code() + "-" + safe(grid.name()) + ".html"));
                zip.write(posterHtml(grid).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(grid.code() + ".png"));
                zip.write(png(reportUrl(grid.code()), 480));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header("Content-Disposition", ContentDisposition.attachment()
                        .filename(area.code() + "-网格二维码.zip", StandardCharsets.UTF_8).build().toString())
                .body(bytes.toByteArray());
    }

    String reportUrl(String gridCode) {
        return publicUrl + "/report?grid=" + URLEncoder.encode(gridCode, StandardCharsets.UTF_8);
    }

    private Registry.AreaRef grid(String code) {
        Registry.AreaRef area = registry.area(code).orElseThrow(() -> new NotFoundException("区域 " + code + " 不存在"));
        if (area.level() != AreaLevel.GRID) {
            throw InvalidInputException.of("code", area.name() + " 不是网格（" + area.level().label() + "）");
        }
        return area;
    }

    private String posterHtml(Registry.AreaRef grid) {
        List<String> lineage = new ArrayList<>(registry.lineage(grid.code()).stream().map(Registry.AreaRef::name).toList());
        Collections.reverse(lineage);
        String where = String.join(" · ", lineage);
        StringBuilder contacts = new StringBuilder();
        for (Registry.GridContact c : registry.gridContacts(grid.code())) {
            contacts.append("<li>网格员 ").append(esc(c.name())).append(c.phone() == null ? "" : "　电话 " + esc(c.phone()))
                    .append("</li>");
        }
        if (contacts.isEmpty()) {
            contacts.append("<li>网格员待配备，请拨打 12345 热线</li>");
        }
        String qr = Base64.getEncoder().encodeToString(png(reportUrl(grid.code()), 600));
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>" + esc(grid.name())
                + " 网格码</title><style>@page{size:A4;margin:15mm}body{font-family:'Noto Sans CJK SC','Microsoft YaHei',"
                + "sans-serif;text-align:center;color:#222}h1{font-size:34pt;color:#b5152b;margin:8mm 0 2mm}"
                + ".where{font-size:14pt;color:#555}.qr{width:120mm;height:120mm;margin:8mm auto;display:block}"
                + ".call{font-size:22pt;font-weight:bold}ul{list-style:none;padding:0;font-size:16pt}"
                + ".foot{font-size:11pt;color:#777;margin-top:10mm}</style></head><body>"
                + "<h1>" + esc(grid.name()) + "</h1><p class=\"where\">" + esc(where) + "</p>"
                + "<img class=\"qr\" alt=\"扫码反映问题\" src=\"data:image/png;base64," + qr + "\">"
                + "<p class=\"call\">扫一扫，随手拍，问题直达网格</p><ul>" + contacts + "</ul>"
                + "<p class=\"foot\">一格一码 · 网格编号 " + esc(grid.code()) + "</p></body></html>";
    }

    static byte[] png(String content, int size) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 2);
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, size, size, hints);
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("QR code for " + content, e);
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[\\\\/:*?\"<>|\\s]", "_");
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s, StandardCharsets.UTF_8.name());
    }
}

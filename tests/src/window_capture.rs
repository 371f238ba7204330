//! Screenshots of the app's window taken from the X server, not through WebDriver.
//!
//! WebKitGTK 2.50's WebDriver screenshot waits for the page's next paint. When the
//! app draws without OpenGL compositing (what it does on a computer without a GPU,
//! Xvfb included) a page with nothing left to repaint never paints again, and the
//! screenshot never returns: the whole test run then hangs. The X server holds the
//! pixels the person sees anyway, so the harness reads them from there.

use anyhow::{Context, Result, bail};
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ConnectionExt, ImageFormat, ImageOrder, MapState, Window};

/// The pixels of the visible window titled `title` (top-level, as under `xvfb-run`
/// without a window manager), as a PNG.
pub fn window_png(title: &str) -> Result<Vec<u8>> {
    let (conn, root) = crate::x_display()?;
    let window = visible_window(&conn, root, title)?;
    let geometry = conn.get_geometry(window)?.reply()?;
    let at = conn.translate_coordinates(window, root, 0, 0)?.reply()?;
    let (width, height) = (geometry.width, geometry.height);
    // Read from the root window: what is on screen there, whatever visual the
    // webview's own child windows use.
    let image = conn
        .get_image(
            ImageFormat::Z_PIXMAP,
            root,
            at.dst_x,
            at.dst_y,
            width,
            height,
            !0,
        )?
        .reply()
        .context("could not read the window's pixels from the X server")?;
    let bytes_per_pixel = image.data.len() / (usize::from(width) * usize::from(height)).max(1);
    if bytes_per_pixel != 4 {
        bail!("the X display uses {bytes_per_pixel} bytes a pixel; expected 4 (24-bit colour)");
    }
    // A 24-bit Z-pixmap pixel is 0x00RRGGBB, in the server's byte order.
    let lsb_first = conn.setup().image_byte_order == ImageOrder::LSB_FIRST;
    let rgb: Vec<u8> = image
        .data
        .chunks_exact(4)
        .flat_map(|p| {
            if lsb_first {
                [p[2], p[1], p[0]]
            } else {
                [p[1], p[2], p[3]]
            }
        })
        .collect();
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, u32::from(width), u32::from(height));
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header()?.write_image_data(&rgb)?;
    Ok(png)
}

/// The mapped window titled `title`, searched from `root` down.
fn visible_window(conn: &impl Connection, root: Window, title: &str) -> Result<Window> {
    for window in crate::windows_titled(conn, root, title)? {
        if conn.get_window_attributes(window)?.reply()?.map_state == MapState::VIEWABLE {
            return Ok(window);
        }
    }
    bail!("no window titled {title:?} is on screen")
}

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
<context>
    <name>AccountEditor</name>
    <message>
        <source>Give the marketplace a name staff recognise (e.g. Carrefour).</source>
        <translation>Give the marketplace a name staff recognise (e.g. Carrefour).</translation>
    </message>
    <message>
        <source>Another marketplace already has this name.</source>
        <translation>Another marketplace already has this name.</translation>
    </message>
    <message>
        <source>Enter the marketplace&apos;s API address, starting with https://.</source>
        <translation>Enter the marketplace&apos;s API address, starting with https://.</translation>
    </message>
    <message>
        <source>Enter the full address, starting with https://.</source>
        <translation>Enter the full address, starting with https://.</translation>
    </message>
    <message>
        <source>The API key is needed to reach the marketplace.</source>
        <translation>The API key is needed to reach the marketplace.</translation>
    </message>
    <message>
        <source>The API key contains spaces: copy it again, without spaces.</source>
        <translation>The API key contains spaces: copy it again, without spaces.</translation>
    </message>
    <message>
        <source>The shop id is a number (e.g. 2001).</source>
        <translation>The shop id is a number (e.g. 2001).</translation>
    </message>
    <message>
        <source>Shipping type codes are letters, digits, - and _, separated by commas.</source>
        <translation>Shipping type codes are letters, digits, - and _, separated by commas.</translation>
    </message>
    <message>
        <source>A field code is letters, digits, - and _ only.</source>
        <translation>A field code is letters, digits, - and _ only.</translation>
    </message>
    <message>
        <source>Marketplace colour</source>
        <translation>Marketplace colour</translation>
    </message>
    <message>
        <source>New marketplace</source>
        <translation>New marketplace</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marketplace</translation>
    </message>
    <message>
        <source>e.g. Carrefour</source>
        <translation>e.g. Carrefour</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>empty = every click &amp; collect type</source>
        <translation>empty = every click &amp; collect type</translation>
    </message>
    <message>
        <source>optional, e.g. pickup-code</source>
        <translation>optional, e.g. pickup-code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>API address</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API key</translation>
    </message>
    <message>
        <source>Shop id</source>
        <translation>Shop id</translation>
    </message>
    <message>
        <source>Pickup shipping types</source>
        <translation>Pickup shipping types</translation>
    </message>
    <message>
        <source>Pickup code field</source>
        <translation>Pickup code field</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>%1 (set once, never changes: renaming keeps the orders)</source>
        <translation>%1 (set once, never changes: renaming keeps the orders)</translation>
    </message>
</context>
<context>
    <name>BackToShelves</name>
    <message>
        <source>Back to the shelves</source>
        <translation>Back to the shelves</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>Shelf</translation>
    </message>
    <message>
        <source>ISBN</source>
        <translation>ISBN</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marketplace</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled orders: put these books back in stock. %n line(s).</source>
        <translation>
            <numerusform>Cancelled orders: put these books back in stock. %n line.</numerusform>
            <numerusform>Cancelled orders: put these books back in stock. %n lines.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to put back.</source>
        <translation>Nothing to put back.</translation>
    </message>
    <message>
        <source>Printed {moment}</source>
        <translation>Printed {moment}</translation>
    </message>
    <message>
        <source>Page {page} / {pages}</source>
        <translation>Page {page} / {pages}</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <source>The camera cannot be used on this PC: its video libraries did not load (%1).</source>
        <translation>The camera cannot be used on this PC: its video libraries did not load (%1).</translation>
    </message>
    <message>
        <source>No camera found on this PC. Plug in a webcam, then open the camera again.</source>
        <translation>No camera found on this PC. Plug in a webcam, then open the camera again.</translation>
    </message>
    <message>
        <source>Counter is not allowed to use the camera. Allow it in the system&apos;s privacy settings (Camera), then open the camera again.</source>
        <translation>Counter is not allowed to use the camera. Allow it in the system&apos;s privacy settings (Camera), then open the camera again.</translation>
    </message>
    <message>
        <source>Counter is not allowed to use the camera.</source>
        <translation>Counter is not allowed to use the camera.</translation>
    </message>
    <message>
        <source>The camera was unplugged. Plug it in again, then press Try again.</source>
        <translation>The camera was unplugged. Plug it in again, then press Try again.</translation>
    </message>
    <message>
        <source>The camera could not be opened (%1). Close any other program using it.</source>
        <translation>The camera could not be opened (%1). Close any other program using it.</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unknown error</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Hold the code inside the frame.</source>
        <translation>Hold the code inside the frame.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Camera set-up…</source>
        <translation>Camera set-up…</translation>
    </message>
    <message>
        <source>Opening the camera…</source>
        <translation>Opening the camera…</translation>
    </message>
    <message>
        <source>%1 — hold the code inside the frame.</source>
        <translation>%1 — hold the code inside the frame.</translation>
    </message>
</context>
<context>
    <name>CameraSetup</name>
    <message>
        <source>Mirror</source>
        <translation>Mirror</translation>
    </message>
    <message>
        <source>Show the preview mirrored, like a mirror</source>
        <translation>Show the preview mirrored, like a mirror</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Open the camera for two seconds</source>
        <translation>Open the camera for two seconds</translation>
    </message>
    <message>
        <source>System default camera</source>
        <translation>System default camera</translation>
    </message>
    <message>
        <source>Camera not connected (%1)</source>
        <translation>Camera not connected (%1)</translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation>No camera found</translation>
    </message>
    <message>
        <source>Opening the camera…</source>
        <translation>Opening the camera…</translation>
    </message>
    <message>
        <source>The camera opened but sent no picture. Try another one.</source>
        <translation>The camera opened but sent no picture. Try another one.</translation>
    </message>
    <message>
        <source>The camera works: %1×%2, %3 pictures per second.</source>
        <translation>The camera works: %1×%2, %3 pictures per second.</translation>
    </message>
</context>
<context>
    <name>CancelOrder</name>
    <message>
        <source>Cancel the order</source>
        <translation>Cancel the order</translation>
    </message>
    <message>
        <source>Books to cancel (untick those the customer keeps):</source>
        <translation>Books to cancel (untick those the customer keeps):</translation>
    </message>
    <message>
        <source>Choose the reason…</source>
        <translation>Choose the reason…</translation>
    </message>
    <message>
        <source>Choose a reason first: the marketplace refuses a refund, or a cancel of some books, without one.</source>
        <translation>Choose a reason first: the marketplace refuses a refund, or a cancel of some books, without one.</translation>
    </message>
    <message>
        <source>Tick at least one book to cancel, or keep the order.</source>
        <translation>Tick at least one book to cancel, or keep the order.</translation>
    </message>
    <message>
        <source>No reason is known yet: sync once while online, then try again.</source>
        <translation>No reason is known yet: sync once while online, then try again.</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Keep it</translation>
    </message>
    <message>
        <source>Refund %1 to %2 for %4 of order %3? The customer keeps the other books.</source>
        <translation>Refund %1 to %2 for %4 of order %3? The customer keeps the other books.</translation>
    </message>
    <message>
        <source>Cancel %4 of order %3 of %2 (%1)? The customer keeps the other books.</source>
        <translation>Cancel %4 of order %3 of %2 (%1)? The customer keeps the other books.</translation>
    </message>
    <message>
        <source>Refund %1 to %2 and cancel order %3? It was already shipped on the marketplace, so the refund needs a reason.</source>
        <translation>Refund %1 to %2 and cancel order %3? It was already shipped on the marketplace, so the refund needs a reason.</translation>
    </message>
    <message>
        <source>Cancel order %3 of %2 (%1)? The customer is told by the marketplace.</source>
        <translation>Cancel order %3 of %2 (%1)? The customer is told by the marketplace.</translation>
    </message>
    <message>
        <source>Cancel these books</source>
        <translation>Cancel these books</translation>
    </message>
    <message>
        <source>Books cancelled: they are on the back-to-the-shelves list.</source>
        <translation>Books cancelled: they are on the back-to-the-shelves list.</translation>
    </message>
    <message>
        <source>Order cancelled: its books are on the back-to-the-shelves list.</source>
        <translation>Order cancelled: its books are on the back-to-the-shelves list.</translation>
    </message>
</context>
<context>
    <name>DailyList</name>
    <message numerus="yes">
        <source>%n ready to collect</source>
        <translation>
            <numerusform>%n ready to collect</numerusform>
            <numerusform>%n ready to collect</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to prepare</source>
        <translation>
            <numerusform>%n to prepare</numerusform>
            <numerusform>%n to prepare</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n collected today</source>
        <translation>
            <numerusform>%n collected today</numerusform>
            <numerusform>%n collected today</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready to collect</source>
        <translation>Ready to collect</translation>
    </message>
    <message>
        <source>No order is waiting to be collected.</source>
        <translation>No order is waiting to be collected.</translation>
    </message>
    <message>
        <source>To remind / to cancel (past their collect-by day)</source>
        <translation>To remind / to cancel (past their collect-by day)</translation>
    </message>
    <message>
        <source>To prepare (picking list)</source>
        <translation>To prepare (picking list)</translation>
    </message>
    <message>
        <source>Nothing to prepare.</source>
        <translation>Nothing to prepare.</translation>
    </message>
    <message>
        <source>{section} (continued)</source>
        <translation>{section} (continued)</translation>
    </message>
    <message>
        <source>Pickup list for {date}</source>
        <translation>Pickup list for {date}</translation>
    </message>
    <message>
        <source>Printed {moment}</source>
        <translation>Printed {moment}</translation>
    </message>
    <message>
        <source>Page {page} / {pages}</source>
        <translation>Page {page} / {pages}</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marketplace</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>Shelf</translation>
    </message>
    <message>
        <source>Bags</source>
        <translation>Bags</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>{days} d</source>
        <translation>{days} d</translation>
    </message>
    <message>
        <source>before {date}</source>
        <translation>before {date}</translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation>due {date}</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message>
        <source>Collect by</source>
        <translation>Collect by</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Reminders</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sent</source>
        <translation>
            <numerusform>%n sent</numerusform>
            <numerusform>%n sent</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Untick a line to refuse it.</source>
        <translation>Untick a line to refuse it.</translation>
    </message>
    <message>
        <source>Accept (F2)</source>
        <translation>Accept (F2)</translation>
    </message>
    <message>
        <source>Refuse order</source>
        <translation>Refuse order</translation>
    </message>
    <message>
        <source>Mark ready (F3)</source>
        <translation>Mark ready (F3)</translation>
    </message>
    <message>
        <source>Confirm collection (F4)</source>
        <translation>Confirm collection (F4)</translation>
    </message>
    <message>
        <source>Reprint slip (Ctrl+P)</source>
        <translation>Reprint slip (Ctrl+P)</translation>
    </message>
    <message>
        <source>Pickup card</source>
        <translation>Pickup card</translation>
    </message>
    <message>
        <source>Add note (Ctrl+N)</source>
        <translation>Add note (Ctrl+N)</translation>
    </message>
    <message>
        <source>Problem solved</source>
        <translation>Problem solved</translation>
    </message>
    <message>
        <source>Cancel order…</source>
        <translation>Cancel order…</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Customer messages</source>
        <translation>Customer messages</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Select an order to see it here.</source>
        <translation>Select an order to see it here.</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>On %1</source>
        <translation>On %1</translation>
    </message>
    <message>
        <source>Incident opened by the customer: %1</source>
        <translation>Incident opened by the customer: %1</translation>
    </message>
    <message>
        <source>Not to hand over.</source>
        <translation>Not to hand over.</translation>
    </message>
    <message>
        <source>here</source>
        <translation>here</translation>
    </message>
    <message>
        <source>web</source>
        <translation>web</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Ordered</translation>
    </message>
    <message>
        <source>late</source>
        <translation>late</translation>
    </message>
    <message>
        <source>Accept before (estimate)</source>
        <translation>Accept before (estimate)</translation>
    </message>
    <message>
        <source>past: shipped late at collection</source>
        <translation>past: shipped late at collection</translation>
    </message>
    <message>
        <source>Prepare and ship by</source>
        <translation>Prepare and ship by</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>Shelf</translation>
    </message>
    <message numerus="yes">
        <source>%n bag(s)</source>
        <translation>
            <numerusform>%n bag</numerusform>
            <numerusform>%n bags</numerusform>
        </translation>
    </message>
    <message>
        <source>Bags</source>
        <translation>Bags</translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>Pickup code</translation>
    </message>
    <message>
        <source>Ready since</source>
        <translation>Ready since</translation>
    </message>
    <message>
        <source>Collect by</source>
        <translation>Collect by</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>Collected</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>Same as the system</source>
        <translation>Same as the system</translation>
    </message>
    <message>
        <source>French</source>
        <translation>French</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Counter — click &amp; collect</source>
        <translation>Counter — click &amp; collect</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>&amp;Counter</source>
        <translation>&amp;Counter</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>&amp;Orders</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Set-up…</source>
        <translation>Set-up…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Print today&apos;s pickup list</source>
        <translation>Print today&apos;s pickup list</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Accept the order</source>
        <translation>Accept the order</translation>
    </message>
    <message>
        <source>Mark ready…</source>
        <translation>Mark ready…</translation>
    </message>
    <message>
        <source>Confirm collection</source>
        <translation>Confirm collection</translation>
    </message>
    <message>
        <source>Reprint slip</source>
        <translation>Reprint slip</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>Add note…</translation>
    </message>
    <message>
        <source>Back to the shelves list…</source>
        <translation>Back to the shelves list…</translation>
    </message>
    <message>
        <source>Scan field</source>
        <translation>Scan field</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Clear the verdict</source>
        <translation>Clear the verdict</translation>
    </message>
    <message>
        <source>Bags</source>
        <translation>Bags</translation>
    </message>
    <message numerus="yes">
        <source>This order is in %n bag(s).</source>
        <translation>
            <numerusform>This order is in %n bag.</numerusform>
            <numerusform>This order is in %n bags.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bag(s) not scanned yet. Hand over every bag before confirming.</source>
        <translation>
            <numerusform>%n bag not scanned yet. Hand over every bag before confirming.</numerusform>
            <numerusform>%n bags not scanned yet. Hand over every bag before confirming.</numerusform>
        </translation>
    </message>
    <message>
        <source>All bags handed over</source>
        <translation>All bags handed over</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation>Not confirmed</translation>
    </message>
    <message numerus="yes">
        <source>%n new order(s).</source>
        <translation>
            <numerusform>%n new order.</numerusform>
            <numerusform>%n new orders.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to accept</source>
        <translation>
            <numerusform>%n to accept</numerusform>
            <numerusform>%n to accept</numerusform>
        </translation>
    </message>
    <message>
        <source>before %1</source>
        <translation>before %1</translation>
    </message>
    <message>
        <source>New orders</source>
        <translation>New orders</translation>
    </message>
    <message>
        <source>Not accepted: %1</source>
        <translation>Not accepted: %1</translation>
    </message>
    <message>
        <source>Order %1 accepted.</source>
        <translation>Order %1 accepted.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) refused.</source>
        <translation>
            <numerusform>%n line refused.</numerusform>
            <numerusform>%n lines refused.</numerusform>
        </translation>
    </message>
    <message>
        <source>Refuse the order</source>
        <translation>Refuse the order</translation>
    </message>
    <message>
        <source>Refuse the whole order of %1? The customer will be refunded.</source>
        <translation>Refuse the whole order of %1? The customer will be refunded.</translation>
    </message>
    <message>
        <source>Order %1 refused.</source>
        <translation>Order %1 refused.</translation>
    </message>
    <message>
        <source>Not marked ready: %1</source>
        <translation>Not marked ready: %1</translation>
    </message>
    <message>
        <source>Ready on shelf %1. Offline: the customer gets the code when the link is back.</source>
        <translation>Ready on shelf %1. Offline: the customer gets the code when the link is back.</translation>
    </message>
    <message>
        <source>Ready on shelf %1; the customer gets the code.</source>
        <translation>Ready on shelf %1; the customer gets the code.</translation>
    </message>
    <message>
        <source>The slip was not printed: %1</source>
        <translation>The slip was not printed: %1</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Add a note</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>Order %1 has no pickup code yet: mark it ready first.</source>
        <translation>Order %1 has no pickup code yet: mark it ready first.</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>Printing failed: %1</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Sent to the printer.</translation>
    </message>
    <message>
        <source>Pickup list sent to the printer.</source>
        <translation>Pickup list sent to the printer.</translation>
    </message>
    <message>
        <source>Scan not checked</source>
        <translation>Scan not checked</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>Sync is not set up: open Set-up.</source>
        <translation>Sync is not set up: open Set-up.</translation>
    </message>
    <message>
        <source>Search: name, order number, e-mail, ISBN (Ctrl+F)</source>
        <translation>Search: name, order number, e-mail, ISBN (Ctrl+F)</translation>
    </message>
    <message>
        <source>late!</source>
        <translation>late!</translation>
    </message>
    <message>
        <source>No order matches “%1”.</source>
        <translation>No order matches “%1”.</translation>
    </message>
    <message>
        <source>Nothing to accept. New orders appear here.</source>
        <translation>Nothing to accept. New orders appear here.</translation>
    </message>
    <message>
        <source>Nothing to prepare.</source>
        <translation>Nothing to prepare.</translation>
    </message>
    <message>
        <source>No order waiting on the shelves.</source>
        <translation>No order waiting on the shelves.</translation>
    </message>
    <message>
        <source>No collection yet today.</source>
        <translation>No collection yet today.</translation>
    </message>
    <message>
        <source>No problem. All good.</source>
        <translation>No problem. All good.</translation>
    </message>
    <message>
        <source>Every ready order is within its pickup window.</source>
        <translation>Every ready order is within its pickup window.</translation>
    </message>
    <message>
        <source>No orders yet.</source>
        <translation>No orders yet.</translation>
    </message>
    <message>
        <source>Scan or type a pickup code / order number</source>
        <translation>Scan or type a pickup code / order number</translation>
    </message>
    <message>
        <source>Scan or type a code</source>
        <translation>Scan or type a code</translation>
    </message>
    <message>
        <source>Search (Ctrl+F)</source>
        <translation>Search (Ctrl+F)</translation>
    </message>
    <message>
        <source>Camera (F6)</source>
        <translation>Camera (F6)</translation>
    </message>
</context>
<context>
    <name>OrderList</name>
    <message>
        <source>All marketplaces</source>
        <translation>All marketplaces</translation>
    </message>
</context>
<context>
    <name>OrderTable</name>
    <message numerus="yes">
        <source>%n day(s) late</source>
        <translation>
            <numerusform>%n day late</numerusform>
            <numerusform>%n days late</numerusform>
        </translation>
    </message>
    <message>
        <source>late</source>
        <translation>late</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Incident: %1</source>
        <translation>Incident: %1</translation>
    </message>
    <message>
        <source>Ship-by passed</source>
        <translation>Ship-by passed</translation>
    </message>
    <message>
        <source>Ship %1</source>
        <translation>Ship %1</translation>
    </message>
    <message>
        <source>Ship by %1: the marketplace is told at collection, and a collection after this date counts as a late shipment.</source>
        <translation>Ship by %1: the marketplace is told at collection, and a collection after this date counts as a late shipment.</translation>
    </message>
    <message>
        <source>Accept before (est.)</source>
        <translation>Accept before (est.)</translation>
    </message>
    <message>
        <source>Ready since</source>
        <translation>Ready since</translation>
    </message>
    <message>
        <source>Collect by</source>
        <translation>Collect by</translation>
    </message>
    <message>
        <source>Collected at</source>
        <translation>Collected at</translation>
    </message>
    <message>
        <source>Ship by</source>
        <translation>Ship by</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Bags</source>
        <translation>Bags</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>Shelf</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Ordered</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marketplace</translation>
    </message>
</context>
<context>
    <name>OrderViews</name>
    <message>
        <source>To accept</source>
        <translation>To accept</translation>
    </message>
    <message>
        <source>To prepare</source>
        <translation>To prepare</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Collected today</source>
        <translation>Collected today</translation>
    </message>
    <message>
        <source>Not collected</source>
        <translation>Not collected</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>All orders</source>
        <translation>All orders</translation>
    </message>
</context>
<context>
    <name>PickupCard</name>
    <message>
        <source>Pickup card {order}</source>
        <translation>Pickup card {order}</translation>
    </message>
    <message>
        <source>Your click &amp; collect pickup code</source>
        <translation>Your click &amp; collect pickup code</translation>
    </message>
    <message>
        <source>{marketplace} order</source>
        <translation>{marketplace} order</translation>
    </message>
    <message>
        <source>No. {order}</source>
        <translation>No. {order}</translation>
    </message>
    <message>
        <source>Order {order}</source>
        <translation>Order {order}</translation>
    </message>
    <message>
        <source>Please collect it by {day}</source>
        <translation>Please collect it by {day}</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>Show this code at the counter to collect your order. Keep it to yourself: whoever shows it can collect the order.</source>
        <translation>Show this code at the counter to collect your order. Keep it to yourself: whoever shows it can collect the order.</translation>
    </message>
</context>
<context>
    <name>PickupSlip</name>
    <message>
        <source>Pickup slip {order}</source>
        <translation>Pickup slip {order}</translation>
    </message>
    <message>
        <source>{marketplace} order</source>
        <translation>{marketplace} order</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message numerus="yes">
        <source>+ %n more line(s): see the order on screen</source>
        <translation>
            <numerusform>+ %n more line: see the order on screen</numerusform>
            <numerusform>+ %n more lines: see the order on screen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message>
        <source>bag {bag}/{bags}</source>
        <translation>bag {bag}/{bags}</translation>
    </message>
    <message>
        <source>Shelf {shelf}</source>
        <translation>Shelf {shelf}</translation>
    </message>
    <message>
        <source>Ready on {date}</source>
        <translation>Ready on {date}</translation>
    </message>
    <message>
        <source>Order number too long for a bar code on this paper</source>
        <translation>Order number too long for a bar code on this paper</translation>
    </message>
    <message>
        <source>Cancelled: do not hand over</source>
        <translation>Cancelled: do not hand over</translation>
    </message>
    <message>
        <source>Refunded: do not hand over</source>
        <translation>Refunded: do not hand over</translation>
    </message>
    <message>
        <source>Refused: do not hand over</source>
        <translation>Refused: do not hand over</translation>
    </message>
    <message>
        <source>Qty {quantity}</source>
        <translation>Qty {quantity}</translation>
    </message>
</context>
<context>
    <name>PickupWindow</name>
    <message numerus="yes">
        <source>%n day(s) late</source>
        <translation>
            <numerusform>%n day late</numerusform>
            <numerusform>%n days late</numerusform>
        </translation>
    </message>
    <message>
        <source>Collect by %1</source>
        <translation>Collect by %1</translation>
    </message>
</context>
<context>
    <name>PrintMessages</name>
    <message>
        <source>order {order} has no pickup code yet: mark it ready first</source>
        <translation>order {order} has no pickup code yet: mark it ready first</translation>
    </message>
    <message>
        <source>folder {folder} does not exist</source>
        <translation>folder {folder} does not exist</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>cannot write {path}: {reason}</translation>
    </message>
    <message>
        <source>cannot add a page to {path}</source>
        <translation>cannot add a page to {path}</translation>
    </message>
    <message>
        <source>printer {printer} is not available</source>
        <translation>printer {printer} is not available</translation>
    </message>
    <message>
        <source>the printer refused a new page</source>
        <translation>the printer refused a new page</translation>
    </message>
    <message>
        <source>printer {printer!r} not found (printers here: {known})</source>
        <translation>printer {printer!r} not found (printers here: {known})</translation>
    </message>
    <message>
        <source>no printer is installed; choose one in the settings or print to PDF</source>
        <translation>no printer is installed; choose one in the settings or print to PDF</translation>
    </message>
    <message>
        <source>{printer} does not take {width:.0f} x {height:.0f} mm paper (it offers: {offered})</source>
        <translation>{printer} does not take {width:.0f} x {height:.0f} mm paper (it offers: {offered})</translation>
    </message>
    <message>
        <source>no host in ESC/POS target {target!r}</source>
        <translation>no host in ESC/POS target {target!r}</translation>
    </message>
    <message>
        <source>bad port in ESC/POS target {target!r}</source>
        <translation>bad port in ESC/POS target {target!r}</translation>
    </message>
    <message>
        <source>win32raw printing needs Windows with pywin32</source>
        <translation>win32raw printing needs Windows with pywin32</translation>
    </message>
    <message>
        <source>cups printing needs pycups</source>
        <translation>cups printing needs pycups</translation>
    </message>
    <message>
        <source>unknown ESC/POS target {target!r}: use tcp://HOST:9100, win32raw://NAME or cups://NAME</source>
        <translation>unknown ESC/POS target {target!r}: use tcp://HOST:9100, win32raw://NAME or cups://NAME</translation>
    </message>
    <message>
        <source>the ESC/POS printer did not take the document: {reason}</source>
        <translation>the ESC/POS printer did not take the document: {reason}</translation>
    </message>
    <message>
        <source>order {order} has {bags} bag(s), not a bag {bag}</source>
        <translation>order {order} has {bags} bag(s), not a bag {bag}</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Save as PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF was not saved: %1</source>
        <translation>The PDF was not saved: %1</translation>
    </message>
    <message>
        <source>Print preview: {title}</source>
        <translation>Print preview: {title}</translation>
    </message>
</context>
<context>
    <name>ReadyDialog</name>
    <message>
        <source>Mark ready</source>
        <translation>Mark ready</translation>
    </message>
    <message>
        <source>e.g. B3</source>
        <translation>e.g. B3</translation>
    </message>
    <message>
        <source>Where is the order of %1?</source>
        <translation>Where is the order of %1?</translation>
    </message>
    <message>
        <source>Shelf location</source>
        <translation>Shelf location</translation>
    </message>
    <message>
        <source>Bags</source>
        <translation>Bags</translation>
    </message>
    <message>
        <source>The slip is printed and the customer gets the pickup code.</source>
        <translation>The slip is printed and the customer gets the pickup code.</translation>
    </message>
    <message>
        <source>Say where the bag is, so anyone can find it.</source>
        <translation>Say where the bag is, so anyone can find it.</translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <source>Remind customers who have not come</source>
        <translation>Remind customers who have not come</translation>
    </message>
    <message>
        <source> days after ready</source>
        <translation> days after ready</translation>
    </message>
    <message>
        <source>ready+3: three days after the order is ready; collect_by-1: the day before</source>
        <translation>ready+3: three days after the order is ready; collect_by-1: the day before</translation>
    </message>
    <message>
        <source>Placeholders: %1</source>
        <translation>Placeholders: %1</translation>
    </message>
    <message>
        <source>Collect by</source>
        <translation>Collect by</translation>
    </message>
    <message>
        <source>Reminder days</source>
        <translation>Reminder days</translation>
    </message>
    <message>
        <source>Customers read</source>
        <translation>Customers read</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <source>Your shop</source>
        <translation>Your shop</translation>
    </message>
    <message>
        <source>Reminder days: write ready+N or collect_by-N, separated by commas.</source>
        <translation>Reminder days: write ready+N or collect_by-N, separated by commas.</translation>
    </message>
    <message>
        <source>%1 template: unknown placeholder {%2}.</source>
        <translation>%1 template: unknown placeholder {%2}.</translation>
    </message>
    <message>
        <source>%1 template: a brace is not closed.</source>
        <translation>%1 template: a brace is not closed.</translation>
    </message>
</context>
<context>
    <name>ScanCommand</name>
    <message>
        <source>order</source>
        <translation>order</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>customer</translation>
    </message>
    <message>
        <source>items</source>
        <translation>items</translation>
    </message>
    <message>
        <source>bags</source>
        <translation>bags</translation>
    </message>
    <message>
        <source>shelf</source>
        <translation>shelf</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>notes</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>orders</translation>
    </message>
    <message>
        <source>marketplace</source>
        <translation>marketplace</translation>
    </message>
</context>
<context>
    <name>ScanMessages</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message>
        <source>Hand over: {customer} — {items}, shelf {shelf}.</source>
        <translation>Hand over: {customer} — {items}, shelf {shelf}.</translation>
    </message>
    <message>
        <source>Already collected on {collected_at} at till {till}. Do not hand over.</source>
        <translation>Already collected on {collected_at} at till {till}. Do not hand over.</translation>
    </message>
    <message>
        <source>Not ready yet (stage: {stage}). Do not hand over.</source>
        <translation>Not ready yet (stage: {stage}). Do not hand over.</translation>
    </message>
    <message>
        <source>This order was canceled. Do not hand over.</source>
        <translation>This order was canceled. Do not hand over.</translation>
    </message>
    <message>
        <source>Found by order number, not by pickup code: check that the customer is {customer} before handing over ({items}, shelf {shelf}).</source>
        <translation>Found by order number, not by pickup code: check that the customer is {customer} before handing over ({items}, shelf {shelf}).</translation>
    </message>
    <message>
        <source>No order found for this code.</source>
        <translation>No order found for this code.</translation>
    </message>
    <message>
        <source>Not a valid code: {reason}</source>
        <translation>Not a valid code: {reason}</translation>
    </message>
    <message>
        <source>Several orders match ({orders}): search by name instead.</source>
        <translation>Several orders match ({orders}): search by name instead.</translation>
    </message>
    <message>
        <source>{order} on {marketplace}</source>
        <translation>{order} on {marketplace}</translation>
    </message>
    <message>
        <source>The scan could not be checked: {reason}</source>
        <translation>The scan could not be checked: {reason}</translation>
    </message>
    <message>
        <source>Collection recorded: hand over to {customer} — {items}, shelf {shelf}.</source>
        <translation>Collection recorded: hand over to {customer} — {items}, shelf {shelf}.</translation>
    </message>
    <message>
        <source>Cannot check: shop server unreachable — do not hand over yet.</source>
        <translation>Cannot check: shop server unreachable — do not hand over yet.</translation>
    </message>
    <message>
        <source>Recorded here {ago} ago — if the customer is still at the counter, hand over.</source>
        <translation>Recorded here {ago} ago — if the customer is still at the counter, hand over.</translation>
    </message>
    <message>
        <source>Bag matches order {expected}.</source>
        <translation>Bag matches order {expected}.</translation>
    </message>
    <message>
        <source>Another marketplace also has an order {expected}: check that the slip says {marketplace}.</source>
        <translation>Another marketplace also has an order {expected}: check that the slip says {marketplace}.</translation>
    </message>
    <message>
        <source>WRONG BAG! This slip is for order {slip}, not {expected}.</source>
        <translation>WRONG BAG! This slip is for order {slip}, not {expected}.</translation>
    </message>
    <message>
        <source>Slip not recognised: scan the bag&apos;s slip again.</source>
        <translation>Slip not recognised: scan the bag&apos;s slip again.</translation>
    </message>
    <message>
        <source>The slip could not be checked: {reason}</source>
        <translation>The slip could not be checked: {reason}</translation>
    </message>
    <message>
        <source>Offline: orders may have changed since the last sync.</source>
        <translation>Offline: orders may have changed since the last sync.</translation>
    </message>
    <message>
        <source>to accept</source>
        <translation>to accept</translation>
    </message>
    <message>
        <source>awaiting payment</source>
        <translation>awaiting payment</translation>
    </message>
    <message>
        <source>to prepare</source>
        <translation>to prepare</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>ready</translation>
    </message>
    <message>
        <source>collected</source>
        <translation>collected</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>canceled</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>nothing readable was scanned.</source>
        <translation>nothing readable was scanned.</translation>
    </message>
    <message>
        <source>a character is wrong (check character); rescan or retype it.</source>
        <translation>a character is wrong (check character); rescan or retype it.</translation>
    </message>
    <message>
        <source>this is neither a pickup code nor an order number.</source>
        <translation>this is neither a pickup code nor an order number.</translation>
    </message>
    <message>
        <source>the disk is full, nothing was recorded; free some space and try again</source>
        <translation>the disk is full, nothing was recorded; free some space and try again</translation>
    </message>
    <message>
        <source>the database is busy (another till?); try again</source>
        <translation>the database is busy (another till?); try again</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Give the shop&apos;s name: the customer&apos;s pickup card prints it (Test connection fills it in).</source>
        <translation>Give the shop&apos;s name: the customer&apos;s pickup card prints it (Test connection fills it in).</translation>
    </message>
    <message>
        <source>Give this till a name (it appears in the history).</source>
        <translation>Give this till a name (it appears in the history).</translation>
    </message>
    <message>
        <source>Set-up</source>
        <translation>Set-up</translation>
    </message>
    <message>
        <source>Add each marketplace the shop sells on; find its address, API key and shop id in its seller account (My user settings › API key). Nothing is synced until one is set.</source>
        <translation>Add each marketplace the shop sells on; find its address, API key and shop id in its seller account (My user settings › API key). Nothing is synced until one is set.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Remove…</translation>
    </message>
    <message>
        <source>The marketplaces this shop sells on:</source>
        <translation>The marketplaces this shop sells on:</translation>
    </message>
    <message>
        <source>Marketplaces</source>
        <translation>Marketplaces</translation>
    </message>
    <message>
        <source>The demo marketplaces run while the demo runs; add the shop&apos;s own marketplace here to sync with it instead.</source>
        <translation>The demo marketplaces run while the demo runs; add the shop&apos;s own marketplace here to sync with it instead.</translation>
    </message>
    <message>
        <source>No marketplace yet: add the one(s) the shop sells on.</source>
        <translation>No marketplace yet: add the one(s) the shop sells on.</translation>
    </message>
    <message>
        <source>no address</source>
        <translation>no address</translation>
    </message>
    <message>
        <source>shop %1</source>
        <translation>shop %1</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>“%1”: %2</translation>
    </message>
    <message>
        <source>The store could not be read to check what “%1” still has waiting: try again in a moment.</source>
        <translation>The store could not be read to check what “%1” still has waiting: try again in a moment.</translation>
    </message>
    <message>
        <source>Remove marketplace</source>
        <translation>Remove marketplace</translation>
    </message>
    <message numerus="yes">
        <source>“%1” still has %n action(s) waiting to be sent to the marketplace. Let the sync send them first (the marketplace must be reachable), then remove it.</source>
        <translation>
            <numerusform>“%1” still has %n action waiting to be sent to the marketplace. Let the sync send it first (the marketplace must be reachable), then remove it.</numerusform>
            <numerusform>“%1” still has %n actions waiting to be sent to the marketplace. Let the sync send them first (the marketplace must be reachable), then remove it.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the marketplace “%1”?</source>
        <translation>Remove the marketplace “%1”?</translation>
    </message>
    <message>
        <source>Its orders stay in the list, but nothing more is synced with it once the set-up is saved.</source>
        <translation>Its orders stay in the list, but nothing more is synced with it once the set-up is saved.</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) of “%1” are ready on the shelf: their collection would no longer be reported to the marketplace.</source>
        <translation>
            <numerusform>%n order of “%1” is ready on the shelf: its collection would no longer be reported to the marketplace.</numerusform>
            <numerusform>%n orders of “%1” are ready on the shelf: their collection would no longer be reported to the marketplace.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Keep</translation>
    </message>
    <message>
        <source>Add a marketplace first, then test it.</source>
        <translation>Add a marketplace first, then test it.</translation>
    </message>
    <message>
        <source>Edit “%1” first: %2</source>
        <translation>Edit “%1” first: %2</translation>
    </message>
    <message>
        <source>The marketplace connector is not available.</source>
        <translation>The marketplace connector is not available.</translation>
    </message>
    <message>
        <source>Testing “%1”…</source>
        <translation>Testing “%1”…</translation>
    </message>
    <message>
        <source>%1: connected to shop “%2” (id %3).</source>
        <translation>%1: connected to shop “%2” (id %3).</translation>
    </message>
    <message>
        <source>Click &amp; collect types: %1.</source>
        <translation>Click &amp; collect types: %1.</translation>
    </message>
    <message>
        <source>The marketplace refused the API key: check it in your seller account.</source>
        <translation>The marketplace refused the API key: check it in your seller account.</translation>
    </message>
    <message>
        <source>The marketplace could not be reached: check the address and the internet.</source>
        <translation>The marketplace could not be reached: check the address and the internet.</translation>
    </message>
    <message>
        <source>The address answers, but not like a Mirakl marketplace: check the address.</source>
        <translation>The address answers, but not like a Mirakl marketplace: check the address.</translation>
    </message>
    <message>
        <source>The connection test failed: %1</source>
        <translation>The connection test failed: %1</translation>
    </message>
    <message>
        <source>Pickup code field “%1”: found (order text field).</source>
        <translation>Pickup code field “%1”: found (order text field).</translation>
    </message>
    <message>
        <source>Pickup code field “%1” is of type %2 on the marketplace: it must be a text (STRING) order field.</source>
        <translation>Pickup code field “%1” is of type %2 on the marketplace: it must be a text (STRING) order field.</translation>
    </message>
    <message>
        <source>Pickup code field “%1” is a field of %2, not of the order: ask the marketplace for an order text field.</source>
        <translation>Pickup code field “%1” is a field of %2, not of the order: ask the marketplace for an order text field.</translation>
    </message>
    <message>
        <source>Pickup code field “%1” does not exist on the marketplace: the codes would not be stored. Check the code with the marketplace, or leave the field empty.</source>
        <translation>Pickup code field “%1” does not exist on the marketplace: the codes would not be stored. Check the code with the marketplace, or leave the field empty.</translation>
    </message>
    <message>
        <source>The custom fields could not be read to check “%1”.</source>
        <translation>The custom fields could not be read to check “%1”.</translation>
    </message>
    <message>
        <source>e.g. Tuesday–Saturday 10 am–7 pm</source>
        <translation>e.g. Tuesday–Saturday 10 am–7 pm</translation>
    </message>
    <message>
        <source>default printer</source>
        <translation>default printer</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Shop name</translation>
    </message>
    <message>
        <source>Shop address</source>
        <translation>Shop address</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>Printer for slips</source>
        <translation>Printer for slips</translation>
    </message>
    <message>
        <source>Printer for pickup cards</source>
        <translation>Printer for pickup cards</translation>
    </message>
    <message>
        <source>Printer for the daily list</source>
        <translation>Printer for the daily list</translation>
    </message>
    <message>
        <source>Shop and printers</source>
        <translation>Shop and printers</translation>
    </message>
    <message>
        <source>Confirm the hand-over as soon as the code is good</source>
        <translation>Confirm the hand-over as soon as the code is good</translation>
    </message>
    <message>
        <source>Till name</source>
        <translation>Till name</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Verdict shown for</source>
        <translation>Verdict shown for</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>Till</translation>
    </message>
</context>
<context>
    <name>SetupStorePage</name>
    <message>
        <source>The address starts with postgresql:// (e.g. %1), or leave it empty for this PC&apos;s own file.</source>
        <translation>The address starts with postgresql:// (e.g. %1), or leave it empty for this PC&apos;s own file.</translation>
    </message>
    <message>
        <source>Give the server&apos;s address and the database name: %1</source>
        <translation>Give the server&apos;s address and the database name: %1</translation>
    </message>
    <message>
        <source>This address cannot be used: %1</source>
        <translation>This address cannot be used: %1</translation>
    </message>
    <message>
        <source>The shop server could not be reached: check the address, that the server PC is on, and that it lets the tills in (listen_addresses, pg_hba.conf, firewall).</source>
        <translation>The shop server could not be reached: check the address, that the server PC is on, and that it lets the tills in (listen_addresses, pg_hba.conf, firewall).</translation>
    </message>
    <message>
        <source>The server refused this user or password (check them, and pg_hba.conf): %1</source>
        <translation>The server refused this user or password (check them, and pg_hba.conf): %1</translation>
    </message>
    <message>
        <source>The server answers, but has no such database: create it first (%1).</source>
        <translation>The server answers, but has no such database: create it first (%1).</translation>
    </message>
    <message>
        <source>This database was set up by a newer version of Counter: install that version.</source>
        <translation>This database was set up by a newer version of Counter: install that version.</translation>
    </message>
    <message>
        <source>The connection test failed: %1</source>
        <translation>The connection test failed: %1</translation>
    </message>
    <message>
        <source>ready, %1 orders</source>
        <translation>ready, %1 orders</translation>
    </message>
    <message>
        <source>%1 orders; its tables are brought up to date at the next start</source>
        <translation>%1 orders; its tables are brought up to date at the next start</translation>
    </message>
    <message>
        <source>empty: Counter sets it up at the next start</source>
        <translation>empty: Counter sets it up at the next start</translation>
    </message>
    <message>
        <source>Connected to %1, database “%2”: %3.</source>
        <translation>Connected to %1, database “%2”: %3.</translation>
    </message>
    <message>
        <source>empty = this PC&apos;s own file (one till)</source>
        <translation>empty = this PC&apos;s own file (one till)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>One till: leave the address empty, the orders stay in a file on this PC. Several tills: each one uses the same PostgreSQL server on the shop&apos;s network (see the README, “Several tills”).</source>
        <translation>One till: leave the address empty, the orders stay in a file on this PC. Several tills: each one uses the same PostgreSQL server on the shop&apos;s network (see the README, “Several tills”).</translation>
    </message>
    <message>
        <source>Shop server address</source>
        <translation>Shop server address</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Shop server</source>
        <translation>Shop server</translation>
    </message>
    <message>
        <source>Used from the next start of Counter.</source>
        <translation>Used from the next start of Counter.</translation>
    </message>
    <message>
        <source>Fix the address first.</source>
        <translation>Fix the address first.</translation>
    </message>
    <message>
        <source>No server: this till keeps its orders in its own file.</source>
        <translation>No server: this till keeps its orders in its own file.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Testing…</translation>
    </message>
</context>
<context>
    <name>Stages</name>
    <message>
        <source>To accept</source>
        <translation>To accept</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>Awaiting payment</translation>
    </message>
    <message>
        <source>To prepare</source>
        <translation>To prepare</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>Collected</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Canceled</translation>
    </message>
    <message>
        <source>Unknown state</source>
        <translation>Unknown state</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Counter cannot start</source>
        <translation>Counter cannot start</translation>
    </message>
    <message>
        <source>Counter cannot open its data. Nothing was changed.</source>
        <translation>Counter cannot open its data. Nothing was changed.</translation>
    </message>
    <message>
        <source>Today&apos;s backup was skipped: the disk is full. Free some space.</source>
        <translation>Today&apos;s backup was skipped: the disk is full. Free some space.</translation>
    </message>
    <message>
        <source>Unknown setting “%1” in settings.toml (did you mean “%2”?)</source>
        <translation>Unknown setting “%1” in settings.toml (did you mean “%2”?)</translation>
    </message>
    <message>
        <source>Unknown setting “%1” in settings.toml</source>
        <translation>Unknown setting “%1” in settings.toml</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Sync now (F5)</source>
        <translation>Sync now (F5)</translation>
    </message>
    <message>
        <source>Till: %1</source>
        <translation>Till: %1</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>never synced</translation>
    </message>
    <message>
        <source>synced just now by %1</source>
        <translation>synced just now by %1</translation>
    </message>
    <message>
        <source>synced just now</source>
        <translation>synced just now</translation>
    </message>
    <message>
        <source>synced %1 by %2</source>
        <translation>synced %1 by %2</translation>
    </message>
    <message>
        <source>synced %1</source>
        <translation>synced %1</translation>
    </message>
    <message>
        <source>not synced yet</source>
        <translation>not synced yet</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to upload</source>
        <translation>
            <numerusform>%n action waiting to upload</numerusform>
            <numerusform>%n actions waiting to upload</numerusform>
        </translation>
    </message>
    <message>
        <source>● Shop server unreachable: do not hand over until it is back</source>
        <translation>● Shop server unreachable: do not hand over until it is back</translation>
    </message>
    <message>
        <source>● Sync not set up</source>
        <translation>● Sync not set up</translation>
    </message>
    <message>
        <source>● Connecting…</source>
        <translation>● Connecting…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>● Not synced yet</source>
        <translation>● Not synced yet</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● Offline</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>Reply queued: it goes with the next sync.</source>
        <translation>Reply queued: it goes with the next sync.</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>waiting to be sent</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>skipped</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>not sent</translation>
    </message>
    <message>
        <source>%1 day(s) after ready</source>
        <translation>%1 day(s) after ready</translation>
    </message>
    <message>
        <source>%1 day(s) before collect-by</source>
        <translation>%1 day(s) before collect-by</translation>
    </message>
    <message>
        <source>not sent: missed while the app was closed; the reminder %1 went instead</source>
        <translation>not sent: missed while the app was closed; the reminder %1 went instead</translation>
    </message>
    <message>
        <source>not sent: the collect-by day was over</source>
        <translation>not sent: the collect-by day was over</translation>
    </message>
    <message>
        <source>not sent: reminders were switched off</source>
        <translation>not sent: reminders were switched off</translation>
    </message>
    <message>
        <source>not sent: a later reminder went instead</source>
        <translation>not sent: a later reminder went instead</translation>
    </message>
    <message>
        <source>not sent: the order is %1 now</source>
        <translation>not sent: the order is %1 now</translation>
    </message>
    <message>
        <source>on thread %1</source>
        <translation>on thread %1</translation>
    </message>
    <message>
        <source>Write a reply to the customer…</source>
        <translation>Write a reply to the customer…</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Send reply</translation>
    </message>
    <message>
        <source>Reminders on</source>
        <translation>Reminders on</translation>
    </message>
    <message>
        <source>awaits a reply</source>
        <translation>awaits a reply</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>No message from the customer.</source>
        <translation>No message from the customer.</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Reminders</translation>
    </message>
</context>
<context>
    <name>Time</name>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>less than a minute</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1 ago</translation>
    </message>
    <message numerus="yes">
        <source>waiting %n day(s)</source>
        <translation>
            <numerusform>waiting %n day</numerusform>
            <numerusform>waiting %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>Hand over</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>Already collected</source>
        <translation>Already collected</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>Not ready</translation>
    </message>
    <message>
        <source>Canceled order</source>
        <translation>Canceled order</translation>
    </message>
    <message>
        <source>Check the customer&apos;s name</source>
        <translation>Check the customer&apos;s name</translation>
    </message>
    <message>
        <source>Unknown code</source>
        <translation>Unknown code</translation>
    </message>
    <message>
        <source>Invalid code</source>
        <translation>Invalid code</translation>
    </message>
    <message>
        <source>Several orders match</source>
        <translation>Several orders match</translation>
    </message>
    <message>
        <source>Scan not checked</source>
        <translation>Scan not checked</translation>
    </message>
    <message>
        <source>Collected ✔</source>
        <translation>Collected ✔</translation>
    </message>
    <message>
        <source>Recorded here just now</source>
        <translation>Recorded here just now</translation>
    </message>
    <message>
        <source>Bag matches</source>
        <translation>Bag matches</translation>
    </message>
    <message>
        <source>Check the slip&apos;s marketplace</source>
        <translation>Check the slip&apos;s marketplace</translation>
    </message>
    <message>
        <source>Wrong bag</source>
        <translation>Wrong bag</translation>
    </message>
    <message>
        <source>Slip not recognised</source>
        <translation>Slip not recognised</translation>
    </message>
    <message>
        <source>Slip not checked</source>
        <translation>Slip not checked</translation>
    </message>
    <message>
        <source>Bag %1/%2: right bag</source>
        <translation>Bag %1/%2: right bag</translation>
    </message>
    <message numerus="yes">
        <source>All %n bags checked.</source>
        <translation>
            <numerusform>The bag is checked.</numerusform>
            <numerusform>All %n bags checked.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bag(s) left to scan.</source>
        <translation>
            <numerusform>%n bag left to scan.</numerusform>
            <numerusform>%n bags left to scan.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerdictBand</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n BAGS</source>
        <translation>
            <numerusform>%n BAG</numerusform>
            <numerusform>%n BAGS</numerusform>
        </translation>
    </message>
    <message>
        <source>shelf %1</source>
        <translation>shelf %1</translation>
    </message>
    <message>
        <source>Shelf %1</source>
        <translation>Shelf %1</translation>
    </message>
    <message>
        <source>Hand over ✔  (Enter)</source>
        <translation>Hand over ✔  (Enter)</translation>
    </message>
    <message>
        <source>Scan a pickup code</source>
        <translation>Scan a pickup code</translation>
    </message>
    <message>
        <source>QR code on the customer&apos;s phone or card, or an order number</source>
        <translation>QR code on the customer&apos;s phone or card, or an order number</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>AccountEditor</name>
    <message>
        <source>Give the marketplace a name staff recognise (e.g. Carrefour).</source>
        <translation>Donnez à la place de marché un nom que l&apos;équipe reconnaît (par ex. Carrefour).</translation>
    </message>
    <message>
        <source>Another marketplace already has this name.</source>
        <translation>Une autre place de marché porte déjà ce nom.</translation>
    </message>
    <message>
        <source>Enter the marketplace&apos;s API address, starting with https://.</source>
        <translation>Saisissez l&apos;adresse de l&apos;API de la place de marché, commençant par https://.</translation>
    </message>
    <message>
        <source>Enter the full address, starting with https://.</source>
        <translation>Saisissez l&apos;adresse complète, commençant par https://.</translation>
    </message>
    <message>
        <source>The API key is needed to reach the marketplace.</source>
        <translation>La clé d&apos;API est nécessaire pour joindre la place de marché.</translation>
    </message>
    <message>
        <source>The API key contains spaces: copy it again, without spaces.</source>
        <translation>La clé d&apos;API contient des espaces : copiez-la à nouveau, sans espaces.</translation>
    </message>
    <message>
        <source>The shop id is a number (e.g. 2001).</source>
        <translation>L&apos;identifiant de boutique est un nombre (par ex. 2001).</translation>
    </message>
    <message>
        <source>Shipping type codes are letters, digits, - and _, separated by commas.</source>
        <translation>Les codes de mode de livraison sont faits de lettres, chiffres, - et _, séparés par des virgules.</translation>
    </message>
    <message>
        <source>A field code is letters, digits, - and _ only.</source>
        <translation>Un code de champ ne contient que des lettres, chiffres, - et _.</translation>
    </message>
    <message>
        <source>Marketplace colour</source>
        <translation>Couleur de la place de marché</translation>
    </message>
    <message>
        <source>New marketplace</source>
        <translation>Nouvelle place de marché</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Place de marché</translation>
    </message>
    <message>
        <source>e.g. Carrefour</source>
        <translation>par ex. Carrefour</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>empty = every click &amp; collect type</source>
        <translation>vide = tous les modes click &amp; collect</translation>
    </message>
    <message>
        <source>optional, e.g. pickup-code</source>
        <translation>facultatif, par ex. code-retrait</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé interne</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>Adresse de l&apos;API</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé d&apos;API</translation>
    </message>
    <message>
        <source>Shop id</source>
        <translation>Identifiant de boutique</translation>
    </message>
    <message>
        <source>Pickup shipping types</source>
        <translation>Modes de livraison en retrait</translation>
    </message>
    <message>
        <source>Pickup code field</source>
        <translation>Champ du code de retrait</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>%1 (set once, never changes: renaming keeps the orders)</source>
        <translation>%1 (fixée une fois, ne change jamais : renommer garde les commandes)</translation>
    </message>
</context>
<context>
    <name>BackToShelves</name>
    <message>
        <source>Back to the shelves</source>
        <translation>Retour en rayon</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>Étagère</translation>
    </message>
    <message>
        <source>ISBN</source>
        <translation>ISBN</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qté</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Place de marché</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled orders: put these books back in stock. %n line(s).</source>
        <translation>
            <numerusform>Commandes annulées : remettez ces livres en stock. %n ligne.</numerusform>
            <numerusform>Commandes annulées : remettez ces livres en stock. %n lignes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to put back.</source>
        <translation>Rien à remettre en rayon.</translation>
    </message>
    <message>
        <source>Printed {moment}</source>
        <translation>Imprimée le {moment}</translation>
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
        <translation>La caméra ne peut pas servir sur ce PC : ses bibliothèques vidéo ne se sont pas chargées (%1).</translation>
    </message>
    <message>
        <source>No camera found on this PC. Plug in a webcam, then open the camera again.</source>
        <translation>Aucune caméra sur ce PC. Branchez une webcam, puis rouvrez la caméra.</translation>
    </message>
    <message>
        <source>Counter is not allowed to use the camera. Allow it in the system&apos;s privacy settings (Camera), then open the camera again.</source>
        <translation>Comptoir n&apos;a pas le droit d&apos;utiliser la caméra. Autorisez-le dans les réglages de confidentialité du système (Caméra), puis rouvrez la caméra.</translation>
    </message>
    <message>
        <source>Counter is not allowed to use the camera.</source>
        <translation>Comptoir n&apos;a pas le droit d&apos;utiliser la caméra.</translation>
    </message>
    <message>
        <source>The camera was unplugged. Plug it in again, then press Try again.</source>
        <translation>La caméra a été débranchée. Rebranchez-la, puis appuyez sur Réessayer.</translation>
    </message>
    <message>
        <source>The camera could not be opened (%1). Close any other program using it.</source>
        <translation>La caméra n&apos;a pas pu être ouverte (%1). Fermez tout autre programme qui l&apos;utilise.</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>erreur inconnue</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <source>Hold the code inside the frame.</source>
        <translation>Présentez le code dans le cadre.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Camera set-up…</source>
        <translation>Réglages de la caméra…</translation>
    </message>
    <message>
        <source>Opening the camera…</source>
        <translation>Ouverture de la caméra…</translation>
    </message>
    <message>
        <source>%1 — hold the code inside the frame.</source>
        <translation>%1 — présentez le code dans le cadre.</translation>
    </message>
</context>
<context>
    <name>CameraSetup</name>
    <message>
        <source>Mirror</source>
        <translation>Miroir</translation>
    </message>
    <message>
        <source>Show the preview mirrored, like a mirror</source>
        <translation>Afficher l&apos;aperçu inversé, comme dans un miroir</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Tester</translation>
    </message>
    <message>
        <source>Open the camera for two seconds</source>
        <translation>Ouvrir la caméra deux secondes</translation>
    </message>
    <message>
        <source>System default camera</source>
        <translation>Caméra par défaut du système</translation>
    </message>
    <message>
        <source>Camera not connected (%1)</source>
        <translation>Caméra non branchée (%1)</translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation>Aucune caméra</translation>
    </message>
    <message>
        <source>Opening the camera…</source>
        <translation>Ouverture de la caméra…</translation>
    </message>
    <message>
        <source>The camera opened but sent no picture. Try another one.</source>
        <translation>La caméra s&apos;est ouverte mais n&apos;envoie aucune image. Essayez-en une autre.</translation>
    </message>
    <message>
        <source>The camera works: %1×%2, %3 pictures per second.</source>
        <translation>La caméra fonctionne : %1×%2, %3 images par seconde.</translation>
    </message>
</context>
<context>
    <name>CancelOrder</name>
    <message>
        <source>Cancel the order</source>
        <translation>Annuler la commande</translation>
    </message>
    <message>
        <source>Books to cancel (untick those the customer keeps):</source>
        <translation>Livres à annuler (décochez ceux que le client garde) :</translation>
    </message>
    <message>
        <source>Choose the reason…</source>
        <translation>Choisissez le motif…</translation>
    </message>
    <message>
        <source>Choose a reason first: the marketplace refuses a refund, or a cancel of some books, without one.</source>
        <translation>Choisissez d&apos;abord un motif : la place de marché refuse un remboursement, ou l&apos;annulation de certains livres, sans motif.</translation>
    </message>
    <message>
        <source>Tick at least one book to cancel, or keep the order.</source>
        <translation>Cochez au moins un livre à annuler, ou gardez la commande.</translation>
    </message>
    <message>
        <source>No reason is known yet: sync once while online, then try again.</source>
        <translation>Aucun motif n&apos;est encore connu : synchronisez une fois en ligne, puis réessayez.</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>La garder</translation>
    </message>
    <message>
        <source>Refund %1 to %2 for %4 of order %3? The customer keeps the other books.</source>
        <translation>Rembourser %1 à %2 pour %4 de la commande %3 ? Le client garde les autres livres.</translation>
    </message>
    <message>
        <source>Cancel %4 of order %3 of %2 (%1)? The customer keeps the other books.</source>
        <translation>Annuler %4 de la commande %3 de %2 (%1) ? Le client garde les autres livres.</translation>
    </message>
    <message>
        <source>Refund %1 to %2 and cancel order %3? It was already shipped on the marketplace, so the refund needs a reason.</source>
        <translation>Rembourser %1 à %2 et annuler la commande %3 ? Elle est déjà expédiée sur la place de marché : le remboursement demande un motif.</translation>
    </message>
    <message>
        <source>Cancel order %3 of %2 (%1)? The customer is told by the marketplace.</source>
        <translation>Annuler la commande %3 de %2 (%1) ? La place de marché prévient le client.</translation>
    </message>
    <message>
        <source>Cancel these books</source>
        <translation>Annuler ces livres</translation>
    </message>
    <message>
        <source>Books cancelled: they are on the back-to-the-shelves list.</source>
        <translation>Livres annulés : ils sont sur la liste du retour en rayon.</translation>
    </message>
    <message>
        <source>Order cancelled: its books are on the back-to-the-shelves list.</source>
        <translation>Commande annulée : ses livres sont sur la liste du retour en rayon.</translation>
    </message>
</context>
<context>
    <name>DailyList</name>
    <message numerus="yes">
        <source>%n ready to collect</source>
        <translation>
            <numerusform>%n prête à retirer</numerusform>
            <numerusform>%n prêtes à retirer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to prepare</source>
        <translation>
            <numerusform>%n à préparer</numerusform>
            <numerusform>%n à préparer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n collected today</source>
        <translation>
            <numerusform>%n retirée aujourd&apos;hui</numerusform>
            <numerusform>%n retirées aujourd&apos;hui</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready to collect</source>
        <translation>Prêtes à retirer</translation>
    </message>
    <message>
        <source>No order is waiting to be collected.</source>
        <translation>Aucune commande n&apos;attend d&apos;être retirée.</translation>
    </message>
    <message>
        <source>To remind / to cancel (past their collect-by day)</source>
        <translation>À relancer / à annuler (date limite de retrait passée)</translation>
    </message>
    <message>
        <source>To prepare (picking list)</source>
        <translation>À préparer (liste de préparation)</translation>
    </message>
    <message>
        <source>Nothing to prepare.</source>
        <translation>Rien à préparer.</translation>
    </message>
    <message>
        <source>{section} (continued)</source>
        <translation>{section} (suite)</translation>
    </message>
    <message>
        <source>Pickup list for {date}</source>
        <translation>Liste des retraits du {date}</translation>
    </message>
    <message>
        <source>Printed {moment}</source>
        <translation>Imprimée le {moment}</translation>
    </message>
    <message>
        <source>Page {page} / {pages}</source>
        <translation>Page {page} / {pages}</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Place de marché</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>Étagère</translation>
    </message>
    <message>
        <source>Bags</source>
        <translation>Sacs</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>{days} d</source>
        <translation>{days} j</translation>
    </message>
    <message>
        <source>before {date}</source>
        <translation>avant le {date}</translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation>prévue le {date}</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>Collect by</source>
        <translation>À retirer avant</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Retard</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Relances</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sent</source>
        <translation>
            <numerusform>%n envoyée</numerusform>
            <numerusform>%n envoyées</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Remboursé</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Untick a line to refuse it.</source>
        <translation>Décochez une ligne pour la refuser.</translation>
    </message>
    <message>
        <source>Accept (F2)</source>
        <translation>Accepter (F2)</translation>
    </message>
    <message>
        <source>Refuse order</source>
        <translation>Refuser la commande</translation>
    </message>
    <message>
        <source>Mark ready (F3)</source>
        <translation>Marquer prête (F3)</translation>
    </message>
    <message>
        <source>Confirm collection (F4)</source>
        <translation>Confirmer le retrait (F4)</translation>
    </message>
    <message>
        <source>Reprint slip (Ctrl+P)</source>
        <translation>Réimprimer l&apos;étiquette (Ctrl+P)</translation>
    </message>
    <message>
        <source>Pickup card</source>
        <translation>Carte de retrait</translation>
    </message>
    <message>
        <source>Add note (Ctrl+N)</source>
        <translation>Ajouter une note (Ctrl+N)</translation>
    </message>
    <message>
        <source>Problem solved</source>
        <translation>Problème réglé</translation>
    </message>
    <message>
        <source>Cancel order…</source>
        <translation>Annuler la commande…</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Customer messages</source>
        <translation>Messages du client</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Select an order to see it here.</source>
        <translation>Sélectionnez une commande pour l&apos;afficher ici.</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <source>On %1</source>
        <translation>Sur %1</translation>
    </message>
    <message>
        <source>Incident opened by the customer: %1</source>
        <translation>Incident ouvert par le client : %1</translation>
    </message>
    <message>
        <source>Not to hand over.</source>
        <translation>Ne pas remettre.</translation>
    </message>
    <message>
        <source>here</source>
        <translation>ici</translation>
    </message>
    <message>
        <source>web</source>
        <translation>web</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Commandée le</translation>
    </message>
    <message>
        <source>late</source>
        <translation>en retard</translation>
    </message>
    <message>
        <source>Accept before (estimate)</source>
        <translation>Accepter avant (estimation)</translation>
    </message>
    <message>
        <source>past: shipped late at collection</source>
        <translation>dépassée : expédition en retard au retrait</translation>
    </message>
    <message>
        <source>Prepare and ship by</source>
        <translation>Préparer et expédier avant</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>Étagère</translation>
    </message>
    <message numerus="yes">
        <source>%n bag(s)</source>
        <translation>
            <numerusform>%n sac</numerusform>
            <numerusform>%n sacs</numerusform>
        </translation>
    </message>
    <message>
        <source>Bags</source>
        <translation>Sacs</translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>Code de retrait</translation>
    </message>
    <message>
        <source>Ready since</source>
        <translation>Prête depuis</translation>
    </message>
    <message>
        <source>Collect by</source>
        <translation>À retirer avant le</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>Retirée</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Livraison</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Counter — click &amp; collect</source>
        <translation>Comptoir — click &amp; collect</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Réglages enregistrés.</translation>
    </message>
    <message>
        <source>&amp;Counter</source>
        <translation>&amp;Comptoir</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>C&amp;ommandes</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Set-up…</source>
        <translation>Configuration…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Print today&apos;s pickup list</source>
        <translation>Imprimer la liste des retraits du jour</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Accept the order</source>
        <translation>Accepter la commande</translation>
    </message>
    <message>
        <source>Mark ready…</source>
        <translation>Marquer prête…</translation>
    </message>
    <message>
        <source>Confirm collection</source>
        <translation>Confirmer le retrait</translation>
    </message>
    <message>
        <source>Reprint slip</source>
        <translation>Réimprimer l&apos;étiquette</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>Ajouter une note…</translation>
    </message>
    <message>
        <source>Back to the shelves list…</source>
        <translation>Liste du retour en rayon…</translation>
    </message>
    <message>
        <source>Scan field</source>
        <translation>Zone de scan</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <source>Clear the verdict</source>
        <translation>Effacer le verdict</translation>
    </message>
    <message>
        <source>Bags</source>
        <translation>Sacs</translation>
    </message>
    <message numerus="yes">
        <source>This order is in %n bag(s).</source>
        <translation>
            <numerusform>Cette commande tient en %n sac.</numerusform>
            <numerusform>Cette commande tient en %n sacs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bag(s) not scanned yet. Hand over every bag before confirming.</source>
        <translation>
            <numerusform>%n sac pas encore scanné. Remettez tous les sacs avant de confirmer.</numerusform>
            <numerusform>%n sacs pas encore scannés. Remettez tous les sacs avant de confirmer.</numerusform>
        </translation>
    </message>
    <message>
        <source>All bags handed over</source>
        <translation>Tous les sacs sont remis</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Pas encore</translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation>Non confirmé</translation>
    </message>
    <message numerus="yes">
        <source>%n new order(s).</source>
        <translation>
            <numerusform>%n nouvelle commande.</numerusform>
            <numerusform>%n nouvelles commandes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to accept</source>
        <translation>
            <numerusform>%n à accepter</numerusform>
            <numerusform>%n à accepter</numerusform>
        </translation>
    </message>
    <message>
        <source>before %1</source>
        <translation>avant %1</translation>
    </message>
    <message>
        <source>New orders</source>
        <translation>Nouvelles commandes</translation>
    </message>
    <message>
        <source>Not accepted: %1</source>
        <translation>Non acceptée : %1</translation>
    </message>
    <message>
        <source>Order %1 accepted.</source>
        <translation>Commande %1 acceptée.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) refused.</source>
        <translation>
            <numerusform>%n ligne refusée.</numerusform>
            <numerusform>%n lignes refusées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Refuse the order</source>
        <translation>Refuser la commande</translation>
    </message>
    <message>
        <source>Refuse the whole order of %1? The customer will be refunded.</source>
        <translation>Refuser toute la commande de %1 ? Le client sera remboursé.</translation>
    </message>
    <message>
        <source>Order %1 refused.</source>
        <translation>Commande %1 refusée.</translation>
    </message>
    <message>
        <source>Not marked ready: %1</source>
        <translation>Non marquée prête : %1</translation>
    </message>
    <message>
        <source>Ready on shelf %1. Offline: the customer gets the code when the link is back.</source>
        <translation>Prête, étagère %1. Hors ligne : le client recevra son code au retour de la connexion.</translation>
    </message>
    <message>
        <source>Ready on shelf %1; the customer gets the code.</source>
        <translation>Prête sur l&apos;étagère %1 ; le client reçoit le code.</translation>
    </message>
    <message>
        <source>The slip was not printed: %1</source>
        <translation>L&apos;étiquette n&apos;a pas été imprimée : %1</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Ajouter une note</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note :</translation>
    </message>
    <message>
        <source>Order %1 has no pickup code yet: mark it ready first.</source>
        <translation>La commande %1 n&apos;a pas encore de code de retrait : marquez-la prête d&apos;abord.</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>Échec de l&apos;impression : %1</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Envoyé à l&apos;imprimante.</translation>
    </message>
    <message>
        <source>Pickup list sent to the printer.</source>
        <translation>Liste des retraits envoyée à l&apos;imprimante.</translation>
    </message>
    <message>
        <source>Scan not checked</source>
        <translation>Scan non vérifié</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Erreur : %1</translation>
    </message>
    <message>
        <source>Sync is not set up: open Set-up.</source>
        <translation>La synchronisation n&apos;est pas configurée : ouvrez la configuration.</translation>
    </message>
    <message>
        <source>Search: name, order number, e-mail, ISBN (Ctrl+F)</source>
        <translation>Rechercher : nom, n° de commande, e-mail, ISBN (Ctrl+F)</translation>
    </message>
    <message>
        <source>late!</source>
        <translation>en retard !</translation>
    </message>
    <message>
        <source>No order matches “%1”.</source>
        <translation>Aucune commande ne correspond à « %1 ».</translation>
    </message>
    <message>
        <source>Nothing to accept. New orders appear here.</source>
        <translation>Rien à accepter. Les nouvelles commandes apparaissent ici.</translation>
    </message>
    <message>
        <source>Nothing to prepare.</source>
        <translation>Rien à préparer.</translation>
    </message>
    <message>
        <source>No order waiting on the shelves.</source>
        <translation>Aucune commande n&apos;attend sur les étagères.</translation>
    </message>
    <message>
        <source>No collection yet today.</source>
        <translation>Aucun retrait aujourd&apos;hui pour l&apos;instant.</translation>
    </message>
    <message>
        <source>No problem. All good.</source>
        <translation>Aucun problème. Tout va bien.</translation>
    </message>
    <message>
        <source>Every ready order is within its pickup window.</source>
        <translation>Toutes les commandes prêtes sont dans leur délai de retrait.</translation>
    </message>
    <message>
        <source>No orders yet.</source>
        <translation>Pas encore de commande.</translation>
    </message>
    <message>
        <source>Scan or type a pickup code / order number</source>
        <translation>Scannez ou tapez un code de retrait / n° de commande</translation>
    </message>
    <message>
        <source>Scan or type a code</source>
        <translation>Scannez ou tapez un code</translation>
    </message>
    <message>
        <source>Search (Ctrl+F)</source>
        <translation>Rechercher (Ctrl+F)</translation>
    </message>
    <message>
        <source>Camera (F6)</source>
        <translation>Caméra (F6)</translation>
    </message>
</context>
<context>
    <name>OrderList</name>
    <message>
        <source>All marketplaces</source>
        <translation>Toutes les places de marché</translation>
    </message>
</context>
<context>
    <name>OrderTable</name>
    <message numerus="yes">
        <source>%n day(s) late</source>
        <translation>
            <numerusform>%n jour de retard</numerusform>
            <numerusform>%n jours de retard</numerusform>
        </translation>
    </message>
    <message>
        <source>late</source>
        <translation>en retard</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Incident: %1</source>
        <translation>Incident : %1</translation>
    </message>
    <message>
        <source>Ship-by passed</source>
        <translation>Expédition en retard</translation>
    </message>
    <message>
        <source>Ship %1</source>
        <translation>Expédier %1</translation>
    </message>
    <message>
        <source>Ship by %1: the marketplace is told at collection, and a collection after this date counts as a late shipment.</source>
        <translation>Expédier avant le %1 : la place de marché est prévenue au retrait, et un retrait après cette date compte comme une expédition en retard.</translation>
    </message>
    <message>
        <source>Accept before (est.)</source>
        <translation>Accepter avant (est.)</translation>
    </message>
    <message>
        <source>Ready since</source>
        <translation>Prête depuis</translation>
    </message>
    <message>
        <source>Collect by</source>
        <translation>À retirer avant</translation>
    </message>
    <message>
        <source>Collected at</source>
        <translation>Retirée à</translation>
    </message>
    <message>
        <source>Ship by</source>
        <translation>Expédier avant</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Qté</translation>
    </message>
    <message>
        <source>Bags</source>
        <translation>Sacs</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>Étagère</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Reçue le</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Vendu sur</translation>
    </message>
</context>
<context>
    <name>OrderViews</name>
    <message>
        <source>To accept</source>
        <translation>À accepter</translation>
    </message>
    <message>
        <source>To prepare</source>
        <translation>À préparer</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêtes</translation>
    </message>
    <message>
        <source>Collected today</source>
        <translation>Retirées aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Not collected</source>
        <translation>Non retirées</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <source>All orders</source>
        <translation>Toutes les commandes</translation>
    </message>
</context>
<context>
    <name>PickupCard</name>
    <message>
        <source>Pickup card {order}</source>
        <translation>Carte de retrait {order}</translation>
    </message>
    <message>
        <source>Your click &amp; collect pickup code</source>
        <translation>Votre code de retrait click &amp; collect</translation>
    </message>
    <message>
        <source>{marketplace} order</source>
        <translation>Commande {marketplace}</translation>
    </message>
    <message>
        <source>No. {order}</source>
        <translation>N° {order}</translation>
    </message>
    <message>
        <source>Order {order}</source>
        <translation>Commande {order}</translation>
    </message>
    <message>
        <source>Please collect it by {day}</source>
        <translation>À retirer avant le {day} inclus</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Horaires d&apos;ouverture</translation>
    </message>
    <message>
        <source>Show this code at the counter to collect your order. Keep it to yourself: whoever shows it can collect the order.</source>
        <translation>Présentez ce code au comptoir pour retirer votre commande. Gardez-le pour vous : toute personne qui le présente peut retirer la commande.</translation>
    </message>
</context>
<context>
    <name>PickupSlip</name>
    <message>
        <source>Pickup slip {order}</source>
        <translation>Étiquette de retrait {order}</translation>
    </message>
    <message>
        <source>{marketplace} order</source>
        <translation>Commande {marketplace}</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message numerus="yes">
        <source>+ %n more line(s): see the order on screen</source>
        <translation>
            <numerusform>+ %n autre ligne : voir la commande à l&apos;écran</numerusform>
            <numerusform>+ %n autres lignes : voir la commande à l&apos;écran</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>bag {bag}/{bags}</source>
        <translation>sac {bag}/{bags}</translation>
    </message>
    <message>
        <source>Shelf {shelf}</source>
        <translation>Étagère {shelf}</translation>
    </message>
    <message>
        <source>Ready on {date}</source>
        <translation>Prête le {date}</translation>
    </message>
    <message>
        <source>Order number too long for a bar code on this paper</source>
        <translation>Numéro de commande trop long pour un code-barres sur ce papier</translation>
    </message>
    <message>
        <source>Cancelled: do not hand over</source>
        <translation>Annulé : ne pas remettre</translation>
    </message>
    <message>
        <source>Refunded: do not hand over</source>
        <translation>Remboursé : ne pas remettre</translation>
    </message>
    <message>
        <source>Refused: do not hand over</source>
        <translation>Refusé : ne pas remettre</translation>
    </message>
    <message>
        <source>Qty {quantity}</source>
        <translation>Qté {quantity}</translation>
    </message>
</context>
<context>
    <name>PickupWindow</name>
    <message numerus="yes">
        <source>%n day(s) late</source>
        <translation>
            <numerusform>%n jour de retard</numerusform>
            <numerusform>%n jours de retard</numerusform>
        </translation>
    </message>
    <message>
        <source>Collect by %1</source>
        <translation>À retirer avant le %1</translation>
    </message>
</context>
<context>
    <name>PrintMessages</name>
    <message>
        <source>order {order} has no pickup code yet: mark it ready first</source>
        <translation>la commande {order} n&apos;a pas encore de code de retrait : marquez-la prête d&apos;abord</translation>
    </message>
    <message>
        <source>folder {folder} does not exist</source>
        <translation>le dossier {folder} n&apos;existe pas</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>impossible d&apos;écrire {path} : {reason}</translation>
    </message>
    <message>
        <source>cannot add a page to {path}</source>
        <translation>impossible d&apos;ajouter une page à {path}</translation>
    </message>
    <message>
        <source>printer {printer} is not available</source>
        <translation>l&apos;imprimante {printer} n&apos;est pas disponible</translation>
    </message>
    <message>
        <source>the printer refused a new page</source>
        <translation>l&apos;imprimante a refusé une nouvelle page</translation>
    </message>
    <message>
        <source>printer {printer!r} not found (printers here: {known})</source>
        <translation>imprimante {printer!r} introuvable (imprimantes de ce poste : {known})</translation>
    </message>
    <message>
        <source>no printer is installed; choose one in the settings or print to PDF</source>
        <translation>aucune imprimante n&apos;est installée ; choisissez-en une dans la configuration ou enregistrez en PDF</translation>
    </message>
    <message>
        <source>{printer} does not take {width:.0f} x {height:.0f} mm paper (it offers: {offered})</source>
        <translation>{printer} ne prend pas le papier {width:.0f} x {height:.0f} mm (formats proposés : {offered})</translation>
    </message>
    <message>
        <source>no host in ESC/POS target {target!r}</source>
        <translation>aucun hôte dans la cible ESC/POS {target!r}</translation>
    </message>
    <message>
        <source>bad port in ESC/POS target {target!r}</source>
        <translation>port incorrect dans la cible ESC/POS {target!r}</translation>
    </message>
    <message>
        <source>win32raw printing needs Windows with pywin32</source>
        <translation>l&apos;impression win32raw demande Windows avec pywin32</translation>
    </message>
    <message>
        <source>cups printing needs pycups</source>
        <translation>l&apos;impression cups demande pycups</translation>
    </message>
    <message>
        <source>unknown ESC/POS target {target!r}: use tcp://HOST:9100, win32raw://NAME or cups://NAME</source>
        <translation>cible ESC/POS inconnue {target!r} : utilisez tcp://HÔTE:9100, win32raw://NOM ou cups://NOM</translation>
    </message>
    <message>
        <source>the ESC/POS printer did not take the document: {reason}</source>
        <translation>l&apos;imprimante ESC/POS n&apos;a pas pris le document : {reason}</translation>
    </message>
    <message>
        <source>order {order} has {bags} bag(s), not a bag {bag}</source>
        <translation>la commande {order} a {bags} sac(s), pas de sac n° {bag}</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Save as PDF</source>
        <translation>Enregistrer en PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF was not saved: %1</source>
        <translation>Le PDF n&apos;a pas été enregistré : %1</translation>
    </message>
    <message>
        <source>Print preview: {title}</source>
        <translation>Aperçu avant impression : {title}</translation>
    </message>
</context>
<context>
    <name>ReadyDialog</name>
    <message>
        <source>Mark ready</source>
        <translation>Marquer prête</translation>
    </message>
    <message>
        <source>e.g. B3</source>
        <translation>ex. B3</translation>
    </message>
    <message>
        <source>Where is the order of %1?</source>
        <translation>Où est la commande pour %1 ?</translation>
    </message>
    <message>
        <source>Shelf location</source>
        <translation>Emplacement sur l&apos;étagère</translation>
    </message>
    <message>
        <source>Bags</source>
        <translation>Sacs</translation>
    </message>
    <message>
        <source>The slip is printed and the customer gets the pickup code.</source>
        <translation>L&apos;étiquette est imprimée et le client reçoit le code de retrait.</translation>
    </message>
    <message>
        <source>Say where the bag is, so anyone can find it.</source>
        <translation>Indiquez où se trouve le sac, pour que chacun puisse le retrouver.</translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <source>Remind customers who have not come</source>
        <translation>Relancer les clients qui ne sont pas venus</translation>
    </message>
    <message>
        <source> days after ready</source>
        <translation> jours après « prête »</translation>
    </message>
    <message>
        <source>ready+3: three days after the order is ready; collect_by-1: the day before</source>
        <translation>ready+3 : trois jours après que la commande est prête ; collect_by-1 : la veille de la date limite</translation>
    </message>
    <message>
        <source>Placeholders: %1</source>
        <translation>Champs à insérer : %1</translation>
    </message>
    <message>
        <source>Collect by</source>
        <translation>Délai de retrait</translation>
    </message>
    <message>
        <source>Reminder days</source>
        <translation>Jours de relance</translation>
    </message>
    <message>
        <source>Customers read</source>
        <translation>Langue des clients</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Relances</translation>
    </message>
    <message>
        <source>Your shop</source>
        <translation>Votre boutique</translation>
    </message>
    <message>
        <source>Reminder days: write ready+N or collect_by-N, separated by commas.</source>
        <translation>Jours de relance : écrivez ready+N ou collect_by-N, séparés par des virgules.</translation>
    </message>
    <message>
        <source>%1 template: unknown placeholder {%2}.</source>
        <translation>Modèle %1 : champ {%2} inconnu.</translation>
    </message>
    <message>
        <source>%1 template: a brace is not closed.</source>
        <translation>Modèle %1 : une accolade n’est pas fermée.</translation>
    </message>
</context>
<context>
    <name>ScanCommand</name>
    <message>
        <source>order</source>
        <translation>commande</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>client</translation>
    </message>
    <message>
        <source>items</source>
        <translation>articles</translation>
    </message>
    <message>
        <source>bags</source>
        <translation>sacs</translation>
    </message>
    <message>
        <source>shelf</source>
        <translation>étagère</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>notes</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>commandes</translation>
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
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>Hand over: {customer} — {items}, shelf {shelf}.</source>
        <translation>Remettre à {customer} — {items}, étagère {shelf}.</translation>
    </message>
    <message>
        <source>Already collected on {collected_at} at till {till}. Do not hand over.</source>
        <translation>Déjà retirée le {collected_at} à la caisse {till}. Ne pas remettre.</translation>
    </message>
    <message>
        <source>Not ready yet (stage: {stage}). Do not hand over.</source>
        <translation>Pas encore prête (étape : {stage}). Ne pas remettre.</translation>
    </message>
    <message>
        <source>This order was canceled. Do not hand over.</source>
        <translation>Cette commande a été annulée. Ne pas remettre.</translation>
    </message>
    <message>
        <source>Found by order number, not by pickup code: check that the customer is {customer} before handing over ({items}, shelf {shelf}).</source>
        <translation>Trouvée par numéro de commande, pas par code de retrait : vérifiez que le client est bien {customer} avant de remettre ({items}, étagère {shelf}).</translation>
    </message>
    <message>
        <source>No order found for this code.</source>
        <translation>Aucune commande trouvée pour ce code.</translation>
    </message>
    <message>
        <source>Not a valid code: {reason}</source>
        <translation>Code non valide : {reason}</translation>
    </message>
    <message>
        <source>Several orders match ({orders}): search by name instead.</source>
        <translation>Plusieurs commandes correspondent ({orders}) : cherchez plutôt par nom.</translation>
    </message>
    <message>
        <source>{order} on {marketplace}</source>
        <translation>{order} sur {marketplace}</translation>
    </message>
    <message>
        <source>The scan could not be checked: {reason}</source>
        <translation>Le scan n&apos;a pas pu être vérifié : {reason}</translation>
    </message>
    <message>
        <source>Collection recorded: hand over to {customer} — {items}, shelf {shelf}.</source>
        <translation>Retrait enregistré : remettre à {customer} — {items}, étagère {shelf}.</translation>
    </message>
    <message>
        <source>Cannot check: shop server unreachable — do not hand over yet.</source>
        <translation>Vérification impossible : serveur de la boutique injoignable — ne remettez pas encore le colis.</translation>
    </message>
    <message>
        <source>Recorded here {ago} ago — if the customer is still at the counter, hand over.</source>
        <translation>Enregistré ici il y a {ago} — si le client est encore au comptoir, remettez-lui le colis.</translation>
    </message>
    <message>
        <source>Bag matches order {expected}.</source>
        <translation>Le sac correspond à la commande {expected}.</translation>
    </message>
    <message>
        <source>Another marketplace also has an order {expected}: check that the slip says {marketplace}.</source>
        <translation>Une autre place de marché a aussi une commande {expected} : vérifiez que l’étiquette indique {marketplace}.</translation>
    </message>
    <message>
        <source>WRONG BAG! This slip is for order {slip}, not {expected}.</source>
        <translation>MAUVAIS SAC ! Cette étiquette est celle de la commande {slip}, pas {expected}.</translation>
    </message>
    <message>
        <source>Slip not recognised: scan the bag&apos;s slip again.</source>
        <translation>Étiquette non reconnue : scannez de nouveau l&apos;étiquette du sac.</translation>
    </message>
    <message>
        <source>The slip could not be checked: {reason}</source>
        <translation>L&apos;étiquette n&apos;a pas pu être vérifiée : {reason}</translation>
    </message>
    <message>
        <source>Offline: orders may have changed since the last sync.</source>
        <translation>Hors ligne : les commandes ont pu changer depuis la dernière synchronisation.</translation>
    </message>
    <message>
        <source>to accept</source>
        <translation>à accepter</translation>
    </message>
    <message>
        <source>awaiting payment</source>
        <translation>en attente de paiement</translation>
    </message>
    <message>
        <source>to prepare</source>
        <translation>à préparer</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>prête</translation>
    </message>
    <message>
        <source>collected</source>
        <translation>retirée</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnue</translation>
    </message>
    <message>
        <source>nothing readable was scanned.</source>
        <translation>rien de lisible n&apos;a été scanné.</translation>
    </message>
    <message>
        <source>a character is wrong (check character); rescan or retype it.</source>
        <translation>un caractère est faux (caractère de contrôle) ; scannez ou tapez-le de nouveau.</translation>
    </message>
    <message>
        <source>this is neither a pickup code nor an order number.</source>
        <translation>ce n&apos;est ni un code de retrait ni un numéro de commande.</translation>
    </message>
    <message>
        <source>the disk is full, nothing was recorded; free some space and try again</source>
        <translation>le disque est plein, rien n&apos;a été enregistré ; libérez de la place et réessayez</translation>
    </message>
    <message>
        <source>the database is busy (another till?); try again</source>
        <translation>la base de données est occupée (une autre caisse ?) ; réessayez</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>System</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>Give the shop&apos;s name: the customer&apos;s pickup card prints it (Test connection fills it in).</source>
        <translation>Indiquez le nom de la boutique : la carte de retrait du client l&apos;imprime (« Tester la connexion » le remplit).</translation>
    </message>
    <message>
        <source>Give this till a name (it appears in the history).</source>
        <translation>Donnez un nom à cette caisse (il apparaît dans l&apos;historique).</translation>
    </message>
    <message>
        <source>Set-up</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <source>Add each marketplace the shop sells on; find its address, API key and shop id in its seller account (My user settings › API key). Nothing is synced until one is set.</source>
        <translation>Ajoutez chaque place de marché où la boutique vend ; son adresse, sa clé d&apos;API et l&apos;identifiant de boutique sont dans son compte vendeur (Mes paramètres utilisateur › Clé d&apos;API). Rien n&apos;est synchronisé tant qu&apos;aucune n&apos;est configurée.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Retirer…</translation>
    </message>
    <message>
        <source>The marketplaces this shop sells on:</source>
        <translation>Les places de marché où cette boutique vend :</translation>
    </message>
    <message>
        <source>Marketplaces</source>
        <translation>Places de marché</translation>
    </message>
    <message>
        <source>The demo marketplaces run while the demo runs; add the shop&apos;s own marketplace here to sync with it instead.</source>
        <translation>Les places de marché de démonstration tournent tant que la démo tourne ; ajoutez ici la place de marché de la boutique pour vous synchroniser avec elle à la place.</translation>
    </message>
    <message>
        <source>No marketplace yet: add the one(s) the shop sells on.</source>
        <translation>Aucune place de marché pour l&apos;instant : ajoutez celle(s) où la boutique vend.</translation>
    </message>
    <message>
        <source>no address</source>
        <translation>pas d&apos;adresse</translation>
    </message>
    <message>
        <source>shop %1</source>
        <translation>boutique %1</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>« %1 » : %2</translation>
    </message>
    <message>
        <source>The store could not be read to check what “%1” still has waiting: try again in a moment.</source>
        <translation>Les données n&apos;ont pas pu être lues pour vérifier ce que « %1 » a encore en attente : réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Remove marketplace</source>
        <translation>Retirer la place de marché</translation>
    </message>
    <message numerus="yes">
        <source>“%1” still has %n action(s) waiting to be sent to the marketplace. Let the sync send them first (the marketplace must be reachable), then remove it.</source>
        <translation>
            <numerusform>« %1 » a encore %n action en attente d&apos;envoi à la place de marché. Laissez la synchronisation l&apos;envoyer d&apos;abord (la place de marché doit être joignable), puis retirez-la.</numerusform>
            <numerusform>« %1 » a encore %n actions en attente d&apos;envoi à la place de marché. Laissez la synchronisation les envoyer d&apos;abord (la place de marché doit être joignable), puis retirez-la.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the marketplace “%1”?</source>
        <translation>Retirer la place de marché « %1 » ?</translation>
    </message>
    <message>
        <source>Its orders stay in the list, but nothing more is synced with it once the set-up is saved.</source>
        <translation>Ses commandes restent dans la liste, mais plus rien n&apos;est synchronisé avec elle une fois la configuration enregistrée.</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) of “%1” are ready on the shelf: their collection would no longer be reported to the marketplace.</source>
        <translation>
            <numerusform>%n commande de « %1 » est prête en rayon : son retrait ne serait plus signalé à la place de marché.</numerusform>
            <numerusform>%n commandes de « %1 » sont prêtes en rayon : leur retrait ne serait plus signalé à la place de marché.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Garder</translation>
    </message>
    <message>
        <source>Add a marketplace first, then test it.</source>
        <translation>Ajoutez d&apos;abord une place de marché, puis testez-la.</translation>
    </message>
    <message>
        <source>Edit “%1” first: %2</source>
        <translation>Modifiez d&apos;abord « %1 » : %2</translation>
    </message>
    <message>
        <source>The marketplace connector is not available.</source>
        <translation>Le connecteur de marketplace n&apos;est pas disponible.</translation>
    </message>
    <message>
        <source>Testing “%1”…</source>
        <translation>Test de « %1 »…</translation>
    </message>
    <message>
        <source>%1: connected to shop “%2” (id %3).</source>
        <translation>%1 : connecté à la boutique « %2 » (id %3).</translation>
    </message>
    <message>
        <source>Click &amp; collect types: %1.</source>
        <translation>Modes click &amp; collect : %1.</translation>
    </message>
    <message>
        <source>The marketplace refused the API key: check it in your seller account.</source>
        <translation>La marketplace a refusé la clé d&apos;API : vérifiez-la dans votre compte vendeur.</translation>
    </message>
    <message>
        <source>The marketplace could not be reached: check the address and the internet.</source>
        <translation>Impossible de joindre la marketplace : vérifiez l&apos;adresse et la connexion internet.</translation>
    </message>
    <message>
        <source>The address answers, but not like a Mirakl marketplace: check the address.</source>
        <translation>L&apos;adresse répond, mais pas comme une marketplace Mirakl : vérifiez l&apos;adresse.</translation>
    </message>
    <message>
        <source>The connection test failed: %1</source>
        <translation>Le test de connexion a échoué : %1</translation>
    </message>
    <message>
        <source>Pickup code field “%1”: found (order text field).</source>
        <translation>Champ du code de retrait « %1 » : trouvé (champ texte de commande).</translation>
    </message>
    <message>
        <source>Pickup code field “%1” is of type %2 on the marketplace: it must be a text (STRING) order field.</source>
        <translation>Le champ du code de retrait « %1 » est de type %2 sur la place de marché : il doit être un champ texte (STRING) de commande.</translation>
    </message>
    <message>
        <source>Pickup code field “%1” is a field of %2, not of the order: ask the marketplace for an order text field.</source>
        <translation>Le champ du code de retrait « %1 » est un champ de %2, pas de la commande : demandez à la place de marché un champ texte de commande.</translation>
    </message>
    <message>
        <source>Pickup code field “%1” does not exist on the marketplace: the codes would not be stored. Check the code with the marketplace, or leave the field empty.</source>
        <translation>Le champ du code de retrait « %1 » n’existe pas sur la place de marché : les codes n’y seraient pas enregistrés. Vérifiez le code avec la place de marché, ou laissez le champ vide.</translation>
    </message>
    <message>
        <source>The custom fields could not be read to check “%1”.</source>
        <translation>Les champs personnalisés n’ont pas pu être lus pour vérifier « %1 ».</translation>
    </message>
    <message>
        <source>e.g. Tuesday–Saturday 10 am–7 pm</source>
        <translation>ex. mardi–samedi 10 h–19 h</translation>
    </message>
    <message>
        <source>default printer</source>
        <translation>imprimante par défaut</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Nom de la boutique</translation>
    </message>
    <message>
        <source>Shop address</source>
        <translation>Adresse de la boutique</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Horaires d&apos;ouverture</translation>
    </message>
    <message>
        <source>Printer for slips</source>
        <translation>Imprimante des étiquettes</translation>
    </message>
    <message>
        <source>Printer for pickup cards</source>
        <translation>Imprimante des cartes de retrait</translation>
    </message>
    <message>
        <source>Printer for the daily list</source>
        <translation>Imprimante de la liste du jour</translation>
    </message>
    <message>
        <source>Shop and printers</source>
        <translation>Boutique et imprimantes</translation>
    </message>
    <message>
        <source>Confirm the hand-over as soon as the code is good</source>
        <translation>Confirmer la remise dès que le code est bon</translation>
    </message>
    <message>
        <source>Till name</source>
        <translation>Nom de la caisse</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Verdict shown for</source>
        <translation>Durée d&apos;affichage du verdict</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>Caisse</translation>
    </message>
</context>
<context>
    <name>SetupStorePage</name>
    <message>
        <source>The address starts with postgresql:// (e.g. %1), or leave it empty for this PC&apos;s own file.</source>
        <translation>L&apos;adresse commence par postgresql:// (par ex. %1), ou laissez-la vide pour le fichier propre à ce PC.</translation>
    </message>
    <message>
        <source>Give the server&apos;s address and the database name: %1</source>
        <translation>Indiquez l&apos;adresse du serveur et le nom de la base : %1</translation>
    </message>
    <message>
        <source>This address cannot be used: %1</source>
        <translation>Cette adresse n&apos;est pas utilisable : %1</translation>
    </message>
    <message>
        <source>The shop server could not be reached: check the address, that the server PC is on, and that it lets the tills in (listen_addresses, pg_hba.conf, firewall).</source>
        <translation>Le serveur du magasin est injoignable : vérifiez l&apos;adresse, que le PC serveur est allumé et qu&apos;il accepte les caisses (listen_addresses, pg_hba.conf, pare-feu).</translation>
    </message>
    <message>
        <source>The server refused this user or password (check them, and pg_hba.conf): %1</source>
        <translation>Le serveur a refusé cet utilisateur ou ce mot de passe (vérifiez-les, ainsi que pg_hba.conf) : %1</translation>
    </message>
    <message>
        <source>The server answers, but has no such database: create it first (%1).</source>
        <translation>Le serveur répond, mais cette base n&apos;existe pas : créez-la d&apos;abord (%1).</translation>
    </message>
    <message>
        <source>This database was set up by a newer version of Counter: install that version.</source>
        <translation>Cette base a été créée par une version plus récente de Counter : installez cette version.</translation>
    </message>
    <message>
        <source>The connection test failed: %1</source>
        <translation>Le test de connexion a échoué : %1</translation>
    </message>
    <message>
        <source>ready, %1 orders</source>
        <translation>prête, %1 commandes</translation>
    </message>
    <message>
        <source>%1 orders; its tables are brought up to date at the next start</source>
        <translation>%1 commandes ; ses tables seront mises à jour au prochain démarrage</translation>
    </message>
    <message>
        <source>empty: Counter sets it up at the next start</source>
        <translation>vide : Counter la prépare au prochain démarrage</translation>
    </message>
    <message>
        <source>Connected to %1, database “%2”: %3.</source>
        <translation>Connecté à %1, base « %2 » : %3.</translation>
    </message>
    <message>
        <source>empty = this PC&apos;s own file (one till)</source>
        <translation>vide = le fichier propre à ce PC (une seule caisse)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>One till: leave the address empty, the orders stay in a file on this PC. Several tills: each one uses the same PostgreSQL server on the shop&apos;s network (see the README, “Several tills”).</source>
        <translation>Une seule caisse : laissez l&apos;adresse vide, les commandes restent dans un fichier sur ce PC. Plusieurs caisses : chacune utilise le même serveur PostgreSQL sur le réseau du magasin (voir le README, « Several tills »).</translation>
    </message>
    <message>
        <source>Shop server address</source>
        <translation>Adresse du serveur du magasin</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Shop server</source>
        <translation>Serveur du magasin</translation>
    </message>
    <message>
        <source>Used from the next start of Counter.</source>
        <translation>Utilisée au prochain démarrage de Counter.</translation>
    </message>
    <message>
        <source>Fix the address first.</source>
        <translation>Corrigez d&apos;abord l&apos;adresse.</translation>
    </message>
    <message>
        <source>No server: this till keeps its orders in its own file.</source>
        <translation>Pas de serveur : cette caisse garde ses commandes dans son propre fichier.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
</context>
<context>
    <name>Stages</name>
    <message>
        <source>To accept</source>
        <translation>À accepter</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>En attente de paiement</translation>
    </message>
    <message>
        <source>To prepare</source>
        <translation>À préparer</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prête</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>Retirée</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Unknown state</source>
        <translation>État inconnu</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Counter cannot start</source>
        <translation>Comptoir ne peut pas démarrer</translation>
    </message>
    <message>
        <source>Counter cannot open its data. Nothing was changed.</source>
        <translation>Comptoir ne peut pas ouvrir ses données. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>Today&apos;s backup was skipped: the disk is full. Free some space.</source>
        <translation>La sauvegarde du jour n’a pas été faite : le disque est plein. Libérez de la place.</translation>
    </message>
    <message>
        <source>Unknown setting “%1” in settings.toml (did you mean “%2”?)</source>
        <translation>Réglage inconnu « %1 » dans settings.toml (vouliez-vous dire « %2 » ?)</translation>
    </message>
    <message>
        <source>Unknown setting “%1” in settings.toml</source>
        <translation>Réglage inconnu « %1 » dans settings.toml</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Sync now (F5)</source>
        <translation>Synchroniser (F5)</translation>
    </message>
    <message>
        <source>Till: %1</source>
        <translation>Caisse : %1</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>jamais synchronisé</translation>
    </message>
    <message>
        <source>synced just now by %1</source>
        <translation>synchronisé à l’instant par %1</translation>
    </message>
    <message>
        <source>synced just now</source>
        <translation>synchronisé à l&apos;instant</translation>
    </message>
    <message>
        <source>synced %1 by %2</source>
        <translation>synchronisé %1 par %2</translation>
    </message>
    <message>
        <source>synced %1</source>
        <translation>synchronisé %1</translation>
    </message>
    <message>
        <source>not synced yet</source>
        <translation>pas encore synchronisé</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n en attente</numerusform>
            <numerusform>%n en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to upload</source>
        <translation>
            <numerusform>%n action en attente d&apos;envoi</numerusform>
            <numerusform>%n actions en attente d&apos;envoi</numerusform>
        </translation>
    </message>
    <message>
        <source>● Shop server unreachable: do not hand over until it is back</source>
        <translation>● Serveur de la boutique injoignable : ne remettez rien avant son retour</translation>
    </message>
    <message>
        <source>● Sync not set up</source>
        <translation>● Synchronisation non configurée</translation>
    </message>
    <message>
        <source>● Connecting…</source>
        <translation>● Connexion…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En ligne</translation>
    </message>
    <message>
        <source>● Not synced yet</source>
        <translation>● Pas encore synchronisé</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● Hors ligne</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problème</numerusform>
            <numerusform>%n problèmes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>Reply queued: it goes with the next sync.</source>
        <translation>Réponse en file : elle part à la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>en attente d’envoi</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>envoyée</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>sautée</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>non envoyée</translation>
    </message>
    <message>
        <source>%1 day(s) after ready</source>
        <translation>%1 jour(s) après la mise à disposition</translation>
    </message>
    <message>
        <source>%1 day(s) before collect-by</source>
        <translation>%1 jour(s) avant la date limite de retrait</translation>
    </message>
    <message>
        <source>not sent: missed while the app was closed; the reminder %1 went instead</source>
        <translation>non envoyée : manquée pendant la fermeture de l&apos;application ; la relance %1 est partie à la place</translation>
    </message>
    <message>
        <source>not sent: the collect-by day was over</source>
        <translation>non envoyée : la date limite de retrait était passée</translation>
    </message>
    <message>
        <source>not sent: reminders were switched off</source>
        <translation>non envoyée : les relances étaient désactivées</translation>
    </message>
    <message>
        <source>not sent: a later reminder went instead</source>
        <translation>non envoyée : une relance plus tardive est partie à la place</translation>
    </message>
    <message>
        <source>not sent: the order is %1 now</source>
        <translation>non envoyée : la commande est passée à l&apos;étape « %1 »</translation>
    </message>
    <message>
        <source>on thread %1</source>
        <translation>sur la conversation %1</translation>
    </message>
    <message>
        <source>Write a reply to the customer…</source>
        <translation>Écrire une réponse au client…</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Répondre</translation>
    </message>
    <message>
        <source>Reminders on</source>
        <translation>Relances actives</translation>
    </message>
    <message>
        <source>awaits a reply</source>
        <translation>attend une réponse</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Boutique</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>No message from the customer.</source>
        <translation>Aucun message du client.</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Relances</translation>
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
        <translation>dans %1</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>moins d&apos;une minute</translation>
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
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>il y a %1</translation>
    </message>
    <message numerus="yes">
        <source>waiting %n day(s)</source>
        <translation>
            <numerusform>attend depuis %n jour</numerusform>
            <numerusform>attend depuis %n jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>Hand over</source>
        <translation>Remettre le colis</translation>
    </message>
    <message>
        <source>Already collected</source>
        <translation>Déjà retirée</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>Pas prête</translation>
    </message>
    <message>
        <source>Canceled order</source>
        <translation>Commande annulée</translation>
    </message>
    <message>
        <source>Check the customer&apos;s name</source>
        <translation>Vérifiez le nom du client</translation>
    </message>
    <message>
        <source>Unknown code</source>
        <translation>Code inconnu</translation>
    </message>
    <message>
        <source>Invalid code</source>
        <translation>Code invalide</translation>
    </message>
    <message>
        <source>Several orders match</source>
        <translation>Plusieurs commandes correspondent</translation>
    </message>
    <message>
        <source>Scan not checked</source>
        <translation>Scan non vérifié</translation>
    </message>
    <message>
        <source>Collected ✔</source>
        <translation>Retirée ✔</translation>
    </message>
    <message>
        <source>Recorded here just now</source>
        <translation>Enregistré ici à l’instant</translation>
    </message>
    <message>
        <source>Bag matches</source>
        <translation>C&apos;est le bon sac</translation>
    </message>
    <message>
        <source>Check the slip&apos;s marketplace</source>
        <translation>Vérifiez l’étiquette</translation>
    </message>
    <message>
        <source>Wrong bag</source>
        <translation>Mauvais sac</translation>
    </message>
    <message>
        <source>Slip not recognised</source>
        <translation>Étiquette non reconnue</translation>
    </message>
    <message>
        <source>Slip not checked</source>
        <translation>Étiquette non vérifiée</translation>
    </message>
    <message>
        <source>Bag %1/%2: right bag</source>
        <translation>Sac %1/%2 : bon sac</translation>
    </message>
    <message numerus="yes">
        <source>All %n bags checked.</source>
        <translation>
            <numerusform>Le sac est vérifié.</numerusform>
            <numerusform>Les %n sacs sont vérifiés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bag(s) left to scan.</source>
        <translation>
            <numerusform>Il en reste %n à scanner.</numerusform>
            <numerusform>Il en reste %n à scanner.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerdictBand</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n BAGS</source>
        <translation>
            <numerusform>%n SAC</numerusform>
            <numerusform>%n SACS</numerusform>
        </translation>
    </message>
    <message>
        <source>shelf %1</source>
        <translation>étagère %1</translation>
    </message>
    <message>
        <source>Shelf %1</source>
        <translation>Étagère %1</translation>
    </message>
    <message>
        <source>Hand over ✔  (Enter)</source>
        <translation>Remettre le colis ✔  (Entrée)</translation>
    </message>
    <message>
        <source>Scan a pickup code</source>
        <translation>Scannez un code de retrait</translation>
    </message>
    <message>
        <source>QR code on the customer&apos;s phone or card, or an order number</source>
        <translation>QR code sur le téléphone ou la carte du client, ou un numéro de commande</translation>
    </message>
</context>
</TS>

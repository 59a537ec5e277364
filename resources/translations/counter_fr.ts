<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>DailyList</name>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>Étagère</translation>
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
        <source>late, was due {date}</source>
        <translation>en retard, prévue le {date}</translation>
    </message>
    <message>
        <source>{count} item(s)</source>
        <translation>{count} article(s)</translation>
    </message>
    <message>
        <source>{ready} ready to collect · {prepare} to prepare · {collected} collected today</source>
        <translation>{ready} prête(s) à retirer · {prepare} à préparer · {collected} retirée(s) aujourd&apos;hui</translation>
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
</context>
<context>
    <name>DetailPane</name>
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
        <source>Items</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
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
        <source>Accept before</source>
        <translation>À accepter avant</translation>
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
    <message>
        <source>Pickup code</source>
        <translation>Code de retrait</translation>
    </message>
    <message>
        <source>Ready since</source>
        <translation>Prête depuis</translation>
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
    <name>OrderTable</name>
    <message>
        <source>Deadline</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Ready since</source>
        <translation>Prête depuis</translation>
    </message>
    <message>
        <source>Collected at</source>
        <translation>Retirée à</translation>
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
        <translation>Articles</translation>
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
        <translation>Commandée le</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
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
        <source>Your click &amp; collect pickup code</source>
        <translation>Votre code de retrait click &amp; collect</translation>
    </message>
    <message>
        <source>Order {order}</source>
        <translation>Commande {order}</translation>
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
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>+ {count} more line(s): see the order on screen</source>
        <translation>+ {count} autre(s) ligne(s) : voir la commande à l&apos;écran</translation>
    </message>
    <message>
        <source>{items} item(s) · bag {bag}/{bags}</source>
        <translation>{items} article(s) · sac {bag}/{bags}</translation>
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
        <source>Qty {quantity}</source>
        <translation>Qté {quantity}</translation>
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
    <message>
        <source>never synced</source>
        <translation>jamais synchronisé</translation>
    </message>
    <message>
        <source>synced %1</source>
        <translation>synchronisé %1</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to upload</source>
        <translation>
            <numerusform>%n action en attente d&apos;envoi</numerusform>
            <numerusform>%n actions en attente d&apos;envoi</numerusform>
        </translation>
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
    <name>Time</name>
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
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
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
    <message>
        <source>in %1</source>
        <translation>dans %1</translation>
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
        <source>Bag matches</source>
        <translation>C&apos;est le bon sac</translation>
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
    <message>
        <source>Shelf %1</source>
        <translation>Étagère %1</translation>
    </message>
    <message>
        <source>Offline: based on the last sync.</source>
        <translation>Hors ligne : d&apos;après la dernière synchronisation.</translation>
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

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AlertWatch</name>
    <message>
        <source>Webhooks rejected</source>
        <translation>Webhooks refusés</translation>
    </message>
    <message>
        <source>%1 rejected in the last minute (last: %2)</source>
        <translation>%1 refusés dans la dernière minute (dernier : %2)</translation>
    </message>
    <message>
        <source>Signal held</source>
        <translation>Signal retenu</translation>
    </message>
    <message>
        <source>Published to nobody: the trading engine is not listening on webhook_raw. It waits in the journal.</source>
        <translation>Publié sans destinataire : le moteur de trading n&apos;écoute pas webhook_raw. Il attend dans le journal.</translation>
    </message>
    <message>
        <source>Signal expired</source>
        <translation>Signal expiré</translation>
    </message>
    <message>
        <source>A webhook waited too long and was not forwarded (terminal6 resend).</source>
        <translation>Un webhook a attendu trop longtemps et n&apos;a pas été transmis (terminal6 resend).</translation>
    </message>
    <message>
        <source>Missed signal</source>
        <translation>Signal manqué</translation>
    </message>
    <message>
        <source>No webhook for %1 %2 (broker %3): %4</source>
        <translation>Aucun webhook pour %1 %2 (courtier %3) : %4</translation>
    </message>
    <message>
        <source>%1 down</source>
        <translation>%1 hors ligne</translation>
    </message>
    <message>
        <source>%1 back up</source>
        <translation>%1 de nouveau en ligne</translation>
    </message>
    <message numerus="yes">
        <source>%1 (and %n more like it since the last alert)</source>
        <translation>
            <numerusform>%1 (et %n autre du même genre depuis la dernière alerte)</numerusform>
            <numerusform>%1 (et %n autres du même genre depuis la dernière alerte)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>listening on %1</source>
        <translation>en écoute sur %1</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>pas en écoute</translation>
    </message>
    <message>
        <source>the journal cannot write: webhooks are answered 503</source>
        <translation>le journal ne peut plus écrire : les webhooks reçoivent une réponse 503</translation>
    </message>
    <message>
        <source>forwarding paused: webhooks are journaled, not forwarded</source>
        <translation>transmission en pause : les webhooks sont journalisés, pas transmis</translation>
    </message>
    <message>
        <source>Redis refuses deliveries: webhooks wait in the journal</source>
        <translation>Redis refuse les livraisons : les webhooks attendent dans le journal</translation>
    </message>
    <message>
        <source>Redis unreachable: webhooks wait in the journal</source>
        <translation>Redis injoignable : les webhooks attendent dans le journal</translation>
    </message>
</context>
<context>
    <name>ChartsTab</name>
    <message>
        <source>Last hour</source>
        <translation>Dernière heure</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Dernières 24 heures</translation>
    </message>
    <message>
        <source>Webhooks per minute, by action</source>
        <translation>Webhooks par minute, par action</translation>
    </message>
    <message>
        <source>webhooks / min</source>
        <translation>webhooks / min</translation>
    </message>
    <message>
        <source>Receive → stream latency (ms)</source>
        <translation>Latence réception → flux (ms)</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Disponibilité</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message>
        <source>Engine T3</source>
        <translation>Moteur T3</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Afficher :</translation>
    </message>
    <message>
        <source>other</source>
        <translation>autres</translation>
    </message>
</context>
<context>
    <name>ForwardingSwitch</name>
    <message>
        <source>Pause forwarding</source>
        <translation>Suspendre la transmission</translation>
    </message>
    <message>
        <source>Stop sending webhooks to Redis: they are still answered and journaled, and wait until you resume</source>
        <translation>Cesser d&apos;envoyer les webhooks à Redis : ils reçoivent toujours une réponse et sont journalisés, et attendent la reprise</translation>
    </message>
    <message>
        <source>Resume forwarding</source>
        <translation>Reprendre la transmission</translation>
    </message>
    <message numerus="yes">
        <source>%n webhook(s) waited while forwarding was paused.</source>
        <translation>
            <numerusform>%n webhook a attendu pendant la pause de la transmission.</numerusform>
            <numerusform>%n webhooks ont attendu pendant la pause de la transmission.</numerusform>
        </translation>
    </message>
    <message>
        <source>Forward them now, in the order they came (those younger than the replay limit), or leave them expired?</source>
        <translation>Les transmettre maintenant, dans leur ordre d&apos;arrivée (ceux plus récents que la limite de rejeu), ou les laisser expirés ?</translation>
    </message>
    <message>
        <source>Forward them</source>
        <translation>Les transmettre</translation>
    </message>
    <message>
        <source>Leave them expired</source>
        <translation>Les laisser expirés</translation>
    </message>
    <message>
        <source>Unavailable: %1</source>
        <translation>Indisponible : %1</translation>
    </message>
</context>
<context>
    <name>HealthProbes</name>
    <message>
        <source>unexpected reply: %1</source>
        <translation>réponse inattendue : %1</translation>
    </message>
    <message>
        <source>%1 listener(s) on %2</source>
        <translation>%1 abonné(s) sur %2</translation>
    </message>
    <message>
        <source>CLIENT LIST refused: %1</source>
        <translation>CLIENT LIST refusé : %1</translation>
    </message>
    <message>
        <source>no client waiting on %1</source>
        <translation>aucun client en attente sur %1</translation>
    </message>
    <message>
        <source>Terminal 5 waiting on %1 (%2, client id %3)</source>
        <translation>Terminal 5 en attente sur %1 (%2, client n° %3)</translation>
    </message>
    <message>
        <source>%1 request(s) waiting in %2</source>
        <translation>%1 requête(s) en attente dans %2</translation>
    </message>
    <message numerus="yes">
        <source>, growing for %n probe(s)</source>
        <translation>
            <numerusform>, en hausse depuis %n sondage</numerusform>
            <numerusform>, en hausse depuis %n sondages</numerusform>
        </translation>
    </message>
    <message>
        <source>Redis unreachable</source>
        <translation>Redis injoignable</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>non configuré</translation>
    </message>
    <message>
        <source>invalid URL</source>
        <translation>URL invalide</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>no answer: %1</source>
        <translation>pas de réponse : %1</translation>
    </message>
</context>
<context>
    <name>LogTab</name>
    <message>
        <source>Follow</source>
        <translation>Suivre</translation>
    </message>
    <message>
        <source>All lines</source>
        <translation>Toutes les lignes</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Avertissements et erreurs</translation>
    </message>
    <message>
        <source>Search the log…</source>
        <translation>Rechercher dans le journal…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Terminal 6 — Aristobot3 webhook receiver</source>
        <translation>Terminal 6 — récepteur de webhooks d&apos;Aristobot3</translation>
    </message>
    <message>
        <source>&amp;Webhooks</source>
        <translation>&amp;Webhooks</translation>
    </message>
    <message>
        <source>&amp;Positions</source>
        <translation>&amp;Positions</translation>
    </message>
    <message>
        <source>&amp;Terminals</source>
        <translation>T&amp;erminaux</translation>
    </message>
    <message>
        <source>&amp;Charts</source>
        <translation>&amp;Graphiques</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>monitor only: the receiver runs elsewhere</source>
        <translation>surveillance seule : le récepteur tourne ailleurs</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;TradingView setup…</source>
        <translation>Assistant &amp;TradingView…</translation>
    </message>
</context>
<context>
    <name>MissedSignalWatch</name>
    <message>
        <source>no webhook by %1 UTC + %2 s</source>
        <translation>aucun webhook à %1 UTC + %2 s</translation>
    </message>
</context>
<context>
    <name>PositionsModel</name>
    <message>
        <source>Symbol</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Actuel</translation>
    </message>
    <message>
        <source>Stop loss</source>
        <translation>Stop loss</translation>
    </message>
    <message>
        <source>Take profit</source>
        <translation>Take profit</translation>
    </message>
    <message>
        <source>PnL</source>
        <translation>P&amp;L</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>Courtier</translation>
    </message>
</context>
<context>
    <name>PositionsTab</name>
    <message numerus="yes">
        <source>%n open position(s) · unrealised P&amp;amp;L &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;</source>
        <translation>
            <numerusform>%n position ouverte · P&amp;amp;L latent &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;</numerusform>
            <numerusform>%n positions ouvertes · P&amp;amp;L latent &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublicAddress</name>
    <message>
        <source>%1 did not answer with an IPv4 address</source>
        <translation>%1 n&apos;a pas répondu par une adresse IPv4</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Terminal 6</source>
        <translation>Terminal 6</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>refusé : %1</translation>
    </message>
    <message>
        <source>no reason</source>
        <translation>sans motif</translation>
    </message>
    <message>
        <source>none arrived: %1</source>
        <translation>aucun reçu : %1</translation>
    </message>
    <message>
        <source>token accepted; the same payload came moments before: not forwarded</source>
        <translation>jeton accepté ; le même contenu est arrivé juste avant : non transmis</translation>
    </message>
    <message>
        <source>not received by this Terminal 6</source>
        <translation>non reçu par ce Terminal 6</translation>
    </message>
    <message>
        <source>token accepted</source>
        <translation>jeton accepté</translation>
    </message>
</context>
<context>
    <name>ReceiverHeader</name>
    <message>
        <source>&lt;b&gt;Webhook URL for TradingView&lt;/b&gt;</source>
        <translation>&lt;b&gt;URL du webhook pour TradingView&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Récepteur</translation>
    </message>
    <message>
        <source>listening · %L1 received · %L2 rejected</source>
        <translation>en écoute · %L1 reçus · %L2 refusés</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>pas en écoute</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %Ln on their way</source>
        <translation>
            <numerusform>%1 · %Ln en route</numerusform>
            <numerusform>%1 · %Ln en route</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · all delivered</source>
        <translation>%1 · tout est livré</translation>
    </message>
    <message numerus="yes">
        <source>%1 refuses · %Ln waiting</source>
        <translation>
            <numerusform>%1 refuse · %Ln en attente</numerusform>
            <numerusform>%1 refuse · %Ln en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 unreachable · %Ln waiting in the journal</source>
        <translation>
            <numerusform>%1 injoignable · %Ln en attente dans le journal</numerusform>
            <numerusform>%1 injoignable · %Ln en attente dans le journal</numerusform>
        </translation>
    </message>
    <message>
        <source>Forwarding</source>
        <translation>Transmission</translation>
    </message>
    <message numerus="yes">
        <source>PAUSED · %Ln waiting</source>
        <translation>
            <numerusform>EN PAUSE · %Ln en attente</numerusform>
            <numerusform>EN PAUSE · %Ln en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln held: nobody listens on webhook_raw</source>
        <translation>
            <numerusform>%Ln retenu : personne n&apos;écoute webhook_raw</numerusform>
            <numerusform>%Ln retenus : personne n&apos;écoute webhook_raw</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>on · %Ln expired unforwarded</source>
        <translation>
            <numerusform>active · %Ln expiré non transmis</numerusform>
            <numerusform>active · %Ln expirés non transmis</numerusform>
        </translation>
    </message>
    <message>
        <source>on</source>
        <translation>active</translation>
    </message>
    <message>
        <source>Engine (T3)</source>
        <translation>Moteur (T3)</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>en écoute</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the URL with its token, to paste into the alert&apos;s Webhook URL</source>
        <translation>Copier l&apos;URL avec son jeton, à coller dans le champ « Webhook URL » de l&apos;alerte</translation>
    </message>
    <message>
        <source>Webhook URL copied (with its token): paste it into TradingView</source>
        <translation>URL du webhook copiée (avec son jeton) : collez-la dans TradingView</translation>
    </message>
    <message>
        <source>embedded %1:%2</source>
        <translation>intégré %1:%2</translation>
    </message>
    <message>
        <source>Monitor only: watching the receiver at %1</source>
        <translation>Surveillance seule : récepteur observé à %1</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:%1&apos;&gt;TradingView only sends to ports 80 and 443:&lt;/span&gt; File → TradingView setup shows the ways to get there from this port.</source>
        <translation>&lt;span style=&apos;color:%1&apos;&gt;TradingView n&apos;envoie qu&apos;aux ports 80 et 443 :&lt;/span&gt; Fichier → Assistant TradingView montre comment y arriver depuis ce port.</translation>
    </message>
</context>
<context>
    <name>ReceiverStatus</name>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>refusing</source>
        <translation>refuse</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
</context>
<context>
    <name>ReceiversModel</name>
    <message>
        <source>Receiver</source>
        <translation>Récepteur</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Per minute</source>
        <translation>Par minute</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçus</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Vu à</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>not heard from since %1</source>
        <translation>sans nouvelles depuis %1</translation>
    </message>
</context>
<context>
    <name>RemoteReceiver</name>
    <message>
        <source>the receiver&apos;s admin routes answer only on its own machine (127.0.0.1)</source>
        <translation>les routes d&apos;administration du récepteur ne répondent que sur sa propre machine (127.0.0.1)</translation>
    </message>
    <message>
        <source>no token set here: the admin routes need the receiver&apos;s token</source>
        <translation>aucun jeton défini ici : les routes d&apos;administration demandent le jeton du récepteur</translation>
    </message>
    <message>
        <source>the receiver does not answer</source>
        <translation>le récepteur ne répond pas</translation>
    </message>
    <message>
        <source>the receiver refused: %1 (wrong token?)</source>
        <translation>le récepteur a refusé : %1 (mauvais jeton ?)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Terminal 6 settings</source>
        <translation>Paramètres de Terminal 6</translation>
    </message>
    <message>
        <source>Applied at once.</source>
        <translation>Appliqué immédiatement.</translation>
    </message>
    <message>
        <source>At the next start.</source>
        <translation>Au prochain démarrage.</translation>
    </message>
    <message>
        <source>Make it the token</source>
        <translation>En faire le jeton</translation>
    </message>
    <message>
        <source>Once every TradingView alert uses the next token: it replaces the token, and the old one stops working</source>
        <translation>Quand toutes les alertes TradingView utilisent le jeton suivant : il remplace le jeton, et l&apos;ancien cesse de fonctionner</translation>
    </message>
    <message>
        <source>Settings file: %1</source>
        <translation>Fichier de paramètres : %1</translation>
    </message>
    <message>
        <source>Saved to %1 (readable by you only).</source>
        <translation>Enregistré dans %1 (lisible par vous seul).</translation>
    </message>
    <message>
        <source>Applied now: %1.</source>
        <translation>Appliqué maintenant : %1.</translation>
    </message>
    <message>
        <source>At the next start: %1.</source>
        <translation>Au prochain démarrage : %1.</translation>
    </message>
    <message>
        <source>The listener stays where it was: %1</source>
        <translation>L&apos;écoute reste où elle était : %1</translation>
    </message>
</context>
<context>
    <name>SettingsLoader</name>
    <message>
        <source>Run</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>Listener</source>
        <translation>Écoute</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>Limits and callers</source>
        <translation>Limites et appelants</translation>
    </message>
    <message>
        <source>Journal and delivery</source>
        <translation>Journal et livraison</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>Surveillance</translation>
    </message>
    <message>
        <source>Run without a window (servers, systemd).</source>
        <translation>Fonctionner sans fenêtre (serveurs, systemd).</translation>
    </message>
    <message>
        <source>The window only: no webhook server and no journal here; watch the receiver at --receiver-url through Redis.</source>
        <translation>La fenêtre seule : ni serveur de webhooks ni journal ici ; surveiller le récepteur de --receiver-url via Redis.</translation>
    </message>
    <message>
        <source>With --monitor-only: http(s)://host:port of the receiver watched (its /health and /stats, and its admin routes when they answer).</source>
        <translation>Avec --monitor-only : http(s)://hôte:port du récepteur surveillé (ses /health et /stats, et ses routes d&apos;administration quand elles répondent).</translation>
    </message>
    <message>
        <source>Language of the window: auto (the system&apos;s), en or fr.</source>
        <translation>Langue de la fenêtre : auto (celle du système), en ou fr.</translation>
    </message>
    <message>
        <source>Address to listen on (default 0.0.0.0; loopback only without a token).</source>
        <translation>Adresse d&apos;écoute (par défaut 0.0.0.0 ; boucle locale seulement sans jeton).</translation>
    </message>
    <message>
        <source>TCP port of the webhook server (default 8888).</source>
        <translation>Port TCP du serveur de webhooks (par défaut 8888).</translation>
    </message>
    <message>
        <source>URL path of the webhook route (default /webhook).</source>
        <translation>Chemin URL de la route des webhooks (par défaut /webhook).</translation>
    </message>
    <message>
        <source>PEM certificate (chain): serve HTTPS, e.g. on port 443.</source>
        <translation>Certificat PEM (chaîne) : servir en HTTPS, par exemple sur le port 443.</translation>
    </message>
    <message>
        <source>PEM private key of --tls-cert.</source>
        <translation>Clé privée PEM de --tls-cert.</translation>
    </message>
    <message>
        <source>HTTPS only from clients presenting TradingView&apos;s webhook certificate.</source>
        <translation>HTTPS uniquement pour les clients présentant le certificat de webhook de TradingView.</translation>
    </message>
    <message>
        <source>Folder for Terminal 6&apos;s data (default: the user&apos;s app data folder).</source>
        <translation>Dossier des données de Terminal 6 (par défaut : le dossier de données d&apos;application de l&apos;utilisateur).</translation>
    </message>
    <message>
        <source>Webhook token (environment or config file only, never on the command line).</source>
        <translation>Jeton des webhooks (environnement ou fichier de configuration uniquement, jamais en ligne de commande).</translation>
    </message>
    <message>
        <source>A second valid token, for rotation (environment or config file only).</source>
        <translation>Un second jeton valide, pour la rotation (environnement ou fichier de configuration uniquement).</translation>
    </message>
    <message>
        <source>Top-level JSON field that may carry the token (default token).</source>
        <translation>Champ JSON de premier niveau pouvant porter le jeton (par défaut token).</translation>
    </message>
    <message>
        <source>Open connections at most; when full, a newcomer replaces the connection longest without a request (default 256, lowered to fit the limit on open files).</source>
        <translation>Connexions ouvertes au plus ; une fois plein, un nouveau venu remplace la connexion restée le plus longtemps sans requête (par défaut 256, abaissé selon la limite de fichiers ouverts).</translation>
    </message>
    <message>
        <source>Open connections at most from one address (IPv6: one /64), trusted proxies exempt; a newcomer replaces the connection longest without a request (default 32).</source>
        <translation>Connexions ouvertes au plus depuis une même adresse (IPv6 : un /64), proxys de confiance exemptés ; un nouveau venu remplace la connexion restée le plus longtemps sans requête (par défaut 32).</translation>
    </message>
    <message>
        <source>A request must arrive whole within this (default 10).</source>
        <translation>Une requête doit arriver entière dans ce délai (par défaut 10).</translation>
    </message>
    <message>
        <source>Idle keep-alive connections are closed after this (default 30).</source>
        <translation>Les connexions keep-alive inactives sont fermées après ce délai (par défaut 30).</translation>
    </message>
    <message>
        <source>Only these addresses may post (CIDRs, comma-separated; &quot;tradingview&quot; = TradingView&apos;s webhook addresses); others get 403. Default: all.</source>
        <translation>Seules ces adresses peuvent envoyer (CIDR séparés par des virgules ; « tradingview » = les adresses de webhook de TradingView) ; les autres reçoivent 403. Par défaut : toutes.</translation>
    </message>
    <message>
        <source>Proxies whose X-Forwarded-For / X-Real-IP are believed (default: none).</source>
        <translation>Proxys dont les X-Forwarded-For / X-Real-IP sont crus (par défaut : aucun).</translation>
    </message>
    <message>
        <source>Requests per second per client address, loopback exempt (default 50; 0: off).</source>
        <translation>Requêtes par seconde par adresse cliente, boucle locale exemptée (par défaut 50 ; 0 : désactivé).</translation>
    </message>
    <message>
        <source>Requests a client may send at once above the rate (default 100).</source>
        <translation>Requêtes qu&apos;un client peut envoyer d&apos;un coup au-delà du débit (par défaut 100).</translation>
    </message>
    <message>
        <source>Bad tokens per minute from one address before it is locked out (default 10).</source>
        <translation>Mauvais jetons par minute depuis une adresse avant son blocage (par défaut 10).</translation>
    </message>
    <message>
        <source>Largest accepted request body (default 65536).</source>
        <translation>Plus grand corps de requête accepté (par défaut 65536).</translation>
    </message>
    <message>
        <source>Serve GET /metrics beyond loopback (default false).</source>
        <translation>Servir GET /metrics au-delà de la boucle locale (par défaut false).</translation>
    </message>
    <message>
        <source>normal: survives a killed process; full: fsync per commit, survives power loss; memory: no journal on disk (benchmarks only).</source>
        <translation>normal : survit à un processus tué ; full : fsync à chaque commit, survit à une coupure de courant ; memory : pas de journal sur disque (bancs d&apos;essai uniquement).</translation>
    </message>
    <message>
        <source>Largest journal; past it webhooks get 503 (default 1024).</source>
        <translation>Taille maximale du journal ; au-delà, les webhooks reçoivent 503 (par défaut 1024).</translation>
    </message>
    <message>
        <source>Redis stream with a durable copy of each webhook (default webhook_raw:stream).</source>
        <translation>Flux Redis gardant une copie durable de chaque webhook (par défaut webhook_raw:stream).</translation>
    </message>
    <message>
        <source>Approximate length cap of the stream (default 100000).</source>
        <translation>Longueur maximale approximative du flux (par défaut 100000).</translation>
    </message>
    <message>
        <source>Hold webhooks while nobody subscribes to webhook_raw (default true).</source>
        <translation>Retenir les webhooks tant que personne n&apos;est abonné à webhook_raw (par défaut true).</translation>
    </message>
    <message>
        <source>Undelivered webhooks older than this expire instead of firing late (default 120; 0: no limit).</source>
        <translation>Les webhooks non livrés plus anciens que ce délai expirent au lieu de partir en retard (par défaut 120 ; 0 : sans limite).</translation>
    </message>
    <message>
        <source>The same payload again within this window is a duplicate (default 10; 0: off).</source>
        <translation>Le même contenu à nouveau dans ce délai est un doublon (par défaut 10 ; 0 : désactivé).</translation>
    </message>
    <message>
        <source>Payload fields that decide duplicates, e.g. Symbol,Action (default: the whole payload).</source>
        <translation>Champs du contenu qui décident des doublons, par exemple Symbol,Action (par défaut : tout le contenu).</translation>
    </message>
    <message>
        <source>Delivered and refused requests are pruned from the journal after this (default 30).</source>
        <translation>Les requêtes livrées et refusées sont purgées du journal après ce délai (par défaut 30).</translation>
    </message>
    <message>
        <source>redis://[[user]:password@]host:port/db (AUTH, ACL user and SELECT honoured).</source>
        <translation>redis://[[utilisateur]:mot_de_passe@]hôte:port/base (AUTH, utilisateur ACL et SELECT respectés).</translation>
    </message>
    <message>
        <source>Redis host (default 127.0.0.1); overrides the URL&apos;s.</source>
        <translation>Hôte Redis (par défaut 127.0.0.1) ; remplace celui de l&apos;URL.</translation>
    </message>
    <message>
        <source>Redis port (default 6379); overrides the URL&apos;s.</source>
        <translation>Port Redis (par défaut 6379) ; remplace celui de l&apos;URL.</translation>
    </message>
    <message>
        <source>auto: when no Redis address is set and none answers at 127.0.0.1:6379, start redis-server as a child (loopback, a generated password, data in the data folder) and stop it on quit; never: don&apos;t.</source>
        <translation>auto : quand aucune adresse Redis n&apos;est donnée et qu&apos;aucun ne répond sur 127.0.0.1:6379, lancer redis-server comme processus enfant (boucle locale, mot de passe généré, données dans le dossier de données) et l&apos;arrêter en quittant ; never : ne pas le faire.</translation>
    </message>
    <message>
        <source>ws://host:8000 of Aristobot3&apos;s Daphne: its /ws/webhooks/ and /ws/heartbeat/ feed the monitor.</source>
        <translation>ws://hôte:8000 du Daphne d&apos;Aristobot3 : ses /ws/webhooks/ et /ws/heartbeat/ alimentent la surveillance.</translation>
    </message>
    <message>
        <source>http://host:8000 for the T1 probe (default: from --daphne-url).</source>
        <translation>http://hôte:8000 pour la sonde de T1 (par défaut : tiré de --daphne-url).</translation>
    </message>
    <message>
        <source>http://host:5173 of Aristobot3&apos;s frontend, for the T4 probe.</source>
        <translation>http://hôte:5173 du frontend d&apos;Aristobot3, pour la sonde de T4.</translation>
    </message>
    <message>
        <source>This receiver&apos;s name in webhook_raw, the stream and its status, when several share a Redis (letters, digits, . _ : -; default: host name:port).</source>
        <translation>Le nom de ce récepteur dans webhook_raw, le flux et son état, quand plusieurs partagent un Redis (lettres, chiffres, . _ : - ; par défaut : nom d&apos;hôte:port).</translation>
    </message>
    <message>
        <source>Redis Sentinel addresses (port 26379 when omitted): the master is asked of them at every connect and followed when they switch it.</source>
        <translation>Adresses des Redis Sentinel (port 26379 si omis) : le maître leur est demandé à chaque connexion et suivi quand elles en changent.</translation>
    </message>
    <message>
        <source>The master&apos;s name as the sentinels know it (sentinel monitor NAME …); required with --redis-sentinel.</source>
        <translation>Le nom du maître tel que les sentinelles le connaissent (sentinel monitor NOM …) ; requis avec --redis-sentinel.</translation>
    </message>
    <message>
        <source>When the master has replicas, a webhook counts as delivered once one of them has it (WAIT 1, at most this long; then sent again). Default 500, at most 4000; 0: off.</source>
        <translation>Quand le maître a des réplicas, un webhook compte comme livré une fois qu&apos;un d&apos;eux l&apos;a (WAIT 1, au plus ce délai ; sinon renvoyé). Par défaut 500, au plus 4000 ; 0 : désactivé.</translation>
    </message>
</context>
<context>
    <name>SetupAssistant</name>
    <message>
        <source>TradingView setup</source>
        <translation>Configuration TradingView</translation>
    </message>
    <message>
        <source>Detected through %1.</source>
        <translation>Détectée via %1.</translation>
    </message>
    <message>
        <source>Could not detect it (%1): type it, as your router or provider shows it.</source>
        <translation>Détection impossible (%1) : saisissez-la, telle que votre box ou votre fournisseur l&apos;affiche.</translation>
    </message>
    <message>
        <source>Where TradingView sends</source>
        <translation>Où TradingView envoie</translation>
    </message>
    <message>
        <source>Create a token and listen on every address</source>
        <translation>Créer un jeton et écouter sur toutes les adresses</translation>
    </message>
    <message>
        <source>public IPv4 address, e.g. 203.0.113.7</source>
        <translation>adresse IPv4 publique, par exemple 203.0.113.7</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Détecter</translation>
    </message>
    <message>
        <source>Public address:</source>
        <translation>Adresse publique :</translation>
    </message>
    <message>
        <source>The alert in TradingView</source>
        <translation>L&apos;alerte dans TradingView</translation>
    </message>
    <message>
        <source>In TradingView&apos;s alert dialog: Notifications → Webhook URL, and the Message field.</source>
        <translation>Dans la fenêtre d&apos;alerte de TradingView : Notifications → Webhook URL, et le champ Message.</translation>
    </message>
    <message>
        <source>in the URL path</source>
        <translation>dans le chemin de l&apos;URL</translation>
    </message>
    <message>
        <source>in the message</source>
        <translation>dans le message</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>Copier l&apos;URL</translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation>Copier le message</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Jeton :</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>Action :</translation>
    </message>
    <message>
        <source>Webhook URL:</source>
        <translation>URL du webhook :</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>Message :</translation>
    </message>
    <message>
        <source>Send a test alert</source>
        <translation>Envoyer une alerte de test</translation>
    </message>
    <message>
        <source>A PING posted to this receiver as TradingView would, followed to the engine&apos;s channel.</source>
        <translation>Un PING envoyé à ce récepteur comme le ferait TradingView, suivi jusqu&apos;au canal du moteur.</translation>
    </message>
    <message>
        <source>received by Terminal 6</source>
        <translation>reçu par Terminal 6</translation>
    </message>
    <message>
        <source>streamed to Redis</source>
        <translation>écrit dans le flux Redis</translation>
    </message>
    <message>
        <source>published on webhook_raw</source>
        <translation>publié sur webhook_raw</translation>
    </message>
    <message>
        <source>heard by the engine (listeners)</source>
        <translation>entendu par le moteur (abonnés)</translation>
    </message>
    <message>
        <source>A token is set: TradingView&apos;s requests carry it, others get 401. It is part of the URL below (masked; the copy button copies it whole).</source>
        <translation>Un jeton est défini : les requêtes de TradingView le portent, les autres reçoivent 401. Il fait partie de l&apos;URL ci-dessous (masqué ; le bouton de copie la copie en entier).</translation>
    </message>
    <message>
        <source>&lt;b&gt;No token yet:&lt;/b&gt; Terminal 6 then listens on 127.0.0.1 only, where TradingView cannot reach it.</source>
        <translation>&lt;b&gt;Pas encore de jeton :&lt;/b&gt; Terminal 6 n&apos;écoute alors que sur 127.0.0.1, où TradingView ne peut pas le joindre.</translation>
    </message>
    <message>
        <source>Terminal 6 listens on port %1, at: %2</source>
        <translation>Terminal 6 écoute sur le port %1, à : %2</translation>
    </message>
    <message>
        <source>TradingView sends webhooks only to &lt;b&gt;ports 80 (http) and 443 (https)&lt;/b&gt;, only to &lt;b&gt;IPv4&lt;/b&gt; addresses, and with &lt;b&gt;no custom header&lt;/b&gt;: the token goes in the URL path or in the message.</source>
        <translation>TradingView n&apos;envoie de webhooks qu&apos;aux &lt;b&gt;ports 80 (http) et 443 (https)&lt;/b&gt;, qu&apos;à des adresses &lt;b&gt;IPv4&lt;/b&gt;, et &lt;b&gt;sans en-tête personnalisé&lt;/b&gt; : le jeton va dans le chemin de l&apos;URL ou dans le message.</translation>
    </message>
    <message>
        <source>This receiver listens on port %1. Ways to get from 80/443 to it:</source>
        <translation>Ce récepteur écoute sur le port %1. Moyens d&apos;y arriver depuis 80/443 :</translation>
    </message>
    <message>
        <source>&lt;b&gt;Router:&lt;/b&gt; forward the public TCP port 80 (or 443) to this machine&apos;s port %1.</source>
        <translation>&lt;b&gt;Box / routeur :&lt;/b&gt; redirigez le port TCP public 80 (ou 443) vers le port %1 de cette machine.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Listen on 80 here:&lt;/b&gt; set the port to 80 in the settings, after &lt;code&gt;sudo setcap cap_net_bind_service=+ep %1&lt;/code&gt;, or run the systemd unit (&lt;code&gt;terminal6.service&lt;/code&gt;, which grants it).</source>
        <translation>&lt;b&gt;Écouter sur 80 ici :&lt;/b&gt; mettez le port à 80 dans les paramètres, après &lt;code&gt;sudo setcap cap_net_bind_service=+ep %1&lt;/code&gt;, ou lancez l&apos;unité systemd (&lt;code&gt;terminal6.service&lt;/code&gt;, qui l&apos;accorde).</translation>
    </message>
    <message>
        <source>&lt;b&gt;nginx in front:&lt;/b&gt; &lt;code&gt;/usr/share/doc/terminal6/examples/nginx-terminal6.conf&lt;/code&gt; serves 443 and forwards to port %1; start Terminal 6 with &lt;code&gt;--trusted-proxy 127.0.0.1&lt;/code&gt;.</source>
        <translation>&lt;b&gt;nginx en frontal :&lt;/b&gt; &lt;code&gt;/usr/share/doc/terminal6/examples/nginx-terminal6.conf&lt;/code&gt; sert le 443 et redirige vers le port %1 ; lancez Terminal 6 avec &lt;code&gt;--trusted-proxy 127.0.0.1&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;HTTPS on 443:&lt;/b&gt; give a certificate and key (--tls-cert, --tls-key) and turn on &lt;i&gt;require-tradingview-cert&lt;/i&gt;, so that only TradingView&apos;s servers, which present their client certificate, get in.</source>
        <translation>&lt;b&gt;HTTPS sur 443 :&lt;/b&gt; fournissez un certificat et une clé (--tls-cert, --tls-key) et activez &lt;i&gt;require-tradingview-cert&lt;/i&gt;, pour que seuls les serveurs de TradingView, qui présentent leur certificat client, entrent.</translation>
    </message>
    <message>
        <source>HTTPS is on: turn on &lt;i&gt;require-tradingview-cert&lt;/i&gt; so that only TradingView&apos;s servers get in.</source>
        <translation>HTTPS est actif : activez &lt;i&gt;require-tradingview-cert&lt;/i&gt; pour que seuls les serveurs de TradingView entrent.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>A test alert&apos;s step and what it found (French puts a space before the colon)</extracomment>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Still listening on 127.0.0.1 only: %1</source>
        <translation>Toujours en écoute sur 127.0.0.1 seulement : %1</translation>
    </message>
</context>
<context>
    <name>StatCards</name>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Taux de succès</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Positions</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 j</translation>
    </message>
    <message>
        <source>30 d</source>
        <translation>30 j</translation>
    </message>
    <message>
        <source>%1 forwarded · %2 rejected</source>
        <translation>%1 transmis · %2 refusés</translation>
    </message>
    <message>
        <source>%1 processed by the engine</source>
        <translation>%1 traités par le moteur</translation>
    </message>
    <message>
        <source>%1 expired unforwarded</source>
        <translation>%1 expirés non transmis</translation>
    </message>
    <message>
        <source>unrealised P&amp;amp;L &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;</source>
        <translation>P&amp;amp;L latent &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>up</source>
        <translation>en ligne</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>dégradé</translation>
    </message>
    <message>
        <source>down</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>received</source>
        <translation>reçu</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>doublon</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>refusé</translation>
    </message>
    <message>
        <source>streamed</source>
        <translation>dans le flux</translation>
    </message>
    <message>
        <source>held</source>
        <translation>retenu</translation>
    </message>
    <message>
        <source>forwarded</source>
        <translation>transmis</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expiré</translation>
    </message>
    <message>
        <source>replayed</source>
        <translation>rejoué</translation>
    </message>
    <message>
        <source>processed</source>
        <translation>traité</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>manqué</translation>
    </message>
</context>
<context>
    <name>TerminalHealthModel</name>
    <message>
        <source>no 1m candle seen yet</source>
        <translation>aucune bougie 1m vue pour le moment</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Last seen (UTC)</source>
        <translation>Vu la dernière fois (UTC)</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Signal</translation>
    </message>
    <message>
        <source>1m %1 candle closed %2 UTC</source>
        <translation>bougie 1m %1 clôturée à %2 UTC</translation>
    </message>
    <message>
        <source>no 1m candle for %1 s (last closed %2 UTC)</source>
        <translation>aucune bougie 1m depuis %1 s (dernière clôturée à %2 UTC)</translation>
    </message>
    <message numerus="yes">
        <source>PUBLISH reached %n listener(s)</source>
        <translation>
            <numerusform>PUBLISH a atteint %n abonné</numerusform>
            <numerusform>PUBLISH a atteint %n abonnés</numerusform>
        </translation>
    </message>
    <message>
        <source>PUBLISH reached no listener</source>
        <translation>PUBLISH n&apos;a atteint aucun abonné</translation>
    </message>
    <message>
        <source>Daphne (Django API)</source>
        <translation>Daphne (API Django)</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <source>Trading Engine</source>
        <translation>Moteur de trading</translation>
    </message>
    <message>
        <source>Frontend</source>
        <translation>Frontend</translation>
    </message>
    <message>
        <source>Exchange Gateway</source>
        <translation>Passerelle d&apos;échange</translation>
    </message>
    <message>
        <source>Webhook Receiver</source>
        <translation>Récepteur de webhooks</translation>
    </message>
    <message>
        <source>Order Monitor</source>
        <translation>Suivi des ordres</translation>
    </message>
    <message>
        <source>terminal_status from %1 (pid %2)</source>
        <translation>terminal_status de %1 (pid %2)</translation>
    </message>
    <message>
        <source>terminal_status from %1</source>
        <translation>terminal_status de %1</translation>
    </message>
</context>
<context>
    <name>TerminalTile</name>
    <message>
        <source>last seen %1</source>
        <translation>vu %1</translation>
    </message>
    <message>
        <source>never seen</source>
        <translation>jamais vu</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>il y a %1 s</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>il y a %1 min</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>il y a %1 h</translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation>il y a %1 j</translation>
    </message>
</context>
<context>
    <name>TerminalsTab</name>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>State changes</source>
        <translation>Changements d&apos;état</translation>
    </message>
    <message>
        <source>Missed signals (a bar closed without its webhook)</source>
        <translation>Signaux manqués (une barre s&apos;est clôturée sans son webhook)</translation>
    </message>
    <message>
        <source>Receivers sharing this Redis</source>
        <translation>Récepteurs partageant ce Redis</translation>
    </message>
</context>
<context>
    <name>TestAlert</name>
    <message>
        <source>nobody listens on webhook_raw: start Aristobot3&apos;s engine (T3); the alert waits in the journal until it does</source>
        <translation>personne n&apos;écoute webhook_raw : démarrez le moteur d&apos;Aristobot3 (T3) ; l&apos;alerte attend dans le journal jusque-là</translation>
    </message>
    <message>
        <source>the receiver does not answer: %1</source>
        <translation>le récepteur ne répond pas : %1</translation>
    </message>
    <message>
        <source>the receiver answered %1: %2</source>
        <translation>le récepteur a répondu %1 : %2</translation>
    </message>
    <message>
        <source>forwarding is paused (the kill switch): resume it to send</source>
        <translation>la transmission est en pause (l&apos;arrêt d&apos;urgence) : reprenez-la pour envoyer</translation>
    </message>
    <message>
        <source>Redis is unreachable (%1): the alert waits in the journal</source>
        <translation>Redis est injoignable (%1) : l&apos;alerte attend dans le journal</translation>
    </message>
    <message>
        <source>no answer from Redis within %1 s</source>
        <translation>pas de réponse de Redis en %1 s</translation>
    </message>
</context>
<context>
    <name>TokenField</name>
    <message>
        <source>Generate</source>
        <translation>Générer</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>•••••••• (set)</source>
        <translation>•••••••• (défini)</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non défini</translation>
    </message>
    <message>
        <source>Shown this once: copy it now, it is not shown again</source>
        <translation>Affiché une seule fois : copiez-le maintenant, il ne sera plus affiché</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Show/Hide Terminal 6</source>
        <translation>Afficher/masquer Terminal 6</translation>
    </message>
    <message>
        <source>Copy webhook URL</source>
        <translation>Copier l&apos;URL du webhook</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Terminal 6 — %1
Redis %2 · engine %3</source>
        <translation>Terminal 6 — %1
Redis %2 · moteur %3</translation>
    </message>
    <message>
        <source>
Forwarding PAUSED</source>
        <translation>
Transmission EN PAUSE</translation>
    </message>
    <message numerus="yes">
        <source>
%n webhook(s) on their way</source>
        <translation>
            <numerusform>
%n webhook en route</numerusform>
            <numerusform>
%n webhooks en route</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WebhookHistoryModel</name>
    <message>
        <source>Date/Time</source>
        <translation>Date/Heure</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation>ID d&apos;ordre</translation>
    </message>
    <message>
        <source>Source IP</source>
        <translation>IP source</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>Abonnés</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Trace</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Récepteur</translation>
    </message>
</context>
<context>
    <name>WebhookInspector</name>
    <message>
        <source>Select a webhook to see its payload and its way to the engine.</source>
        <translation>Sélectionnez un webhook pour voir son contenu et son parcours jusqu&apos;au moteur.</translation>
    </message>
    <message>
        <source>Resend…</source>
        <translation>Renvoyer…</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>Copier en commande curl</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Trace</translation>
    </message>
    <message>
        <source>Source IP</source>
        <translation>IP source</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>Abonnés</translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation>ID d&apos;ordre</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Moteur</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>Since receipt</source>
        <translation>Depuis la réception</translation>
    </message>
    <message>
        <source>Step took</source>
        <translation>Durée de l&apos;étape</translation>
    </message>
    <message>
        <source>No payload here: not received by this Terminal 6.</source>
        <translation>Pas de contenu ici : non reçu par ce Terminal 6.</translation>
    </message>
    <message>
        <source>Publish this expired webhook again, marked &quot;replayed&quot;</source>
        <translation>Publier à nouveau ce webhook expiré, marqué « replayed »</translation>
    </message>
    <message>
        <source>A curl command that sends this payload again (the token is read from $WEBHOOK_TOKEN, never written out)</source>
        <translation>Une commande curl qui renvoie ce contenu (le jeton est lu dans $WEBHOOK_TOKEN, jamais écrit en clair)</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspecteur</translation>
    </message>
    <message>
        <source>none (the engine&apos;s verdict only)</source>
        <translation>aucune (verdict du moteur seulement)</translation>
    </message>
    <message numerus="yes">
        <source>%n on webhook_raw</source>
        <translation>
            <numerusform>%n sur webhook_raw</numerusform>
            <numerusform>%n sur webhook_raw</numerusform>
        </translation>
    </message>
    <message>
        <source>no verdict yet</source>
        <translation>pas encore de verdict</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>erreur : %1</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <source>Journaled</source>
        <translation>Journalisé</translation>
    </message>
    <message>
        <source>Streamed</source>
        <translation>Dans le flux</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publié</translation>
    </message>
    <message>
        <source>Engine verdict</source>
        <translation>Verdict du moteur</translation>
    </message>
    <message>
        <source>Unavailable: %1</source>
        <translation>Indisponible : %1</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Récepteur</translation>
    </message>
</context>
<context>
    <name>WebhooksTab</name>
    <message>
        <source>All symbols</source>
        <translation>Tous les symboles</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Toutes les actions</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>All brokers</source>
        <translation>Tous les courtiers</translation>
    </message>
    <message>
        <source>Terminal 6</source>
        <translation>Terminal 6</translation>
    </message>
    <message>
        <source>Search symbol, trace, IP, reason…</source>
        <translation>Rechercher symbole, trace, IP, motif…</translation>
    </message>
    <message>
        <source>Pause list</source>
        <translation>Figer la liste</translation>
    </message>
    <message>
        <source>Stop adding new webhooks to this list (they are still received, journaled and forwarded)</source>
        <translation>Ne plus ajouter de nouveaux webhooks à cette liste (ils sont toujours reçus, journalisés et transmis)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Vider</translation>
    </message>
    <message>
        <source>Hide the webhooks listed so far (the journal keeps them)</source>
        <translation>Masquer les webhooks listés jusqu&apos;ici (le journal les conserve)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Shown rows as CSV…</source>
        <translation>Lignes affichées en CSV…</translation>
    </message>
    <message>
        <source>Export as CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Shown rows as JSON Lines…</source>
        <translation>Lignes affichées en JSON Lines…</translation>
    </message>
    <message>
        <source>Export as JSON Lines</source>
        <translation>Exporter en JSON Lines</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Resume list</source>
        <translation>Reprendre la liste</translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation>%L1 sur %L2</translation>
    </message>
    <message>
        <source>Publish %1 %2 (received %3 UTC) again?

The trading engine will see it as a replay and may place the order now, at today&apos;s price.</source>
        <translation>Publier à nouveau %1 %2 (reçu le %3 UTC) ?

Le moteur de trading le verra comme un rejeu et pourra passer l&apos;ordre maintenant, au prix du jour.</translation>
    </message>
    <message>
        <source>Resent: the webhook goes to Redis again</source>
        <translation>Renvoyé : le webhook repart vers Redis</translation>
    </message>
    <message>
        <source>Not resent: it is no longer expired</source>
        <translation>Non renvoyé : il n&apos;est plus expiré</translation>
    </message>
    <message>
        <source>Copied a curl command (it reads the token from $WEBHOOK_TOKEN)</source>
        <translation>Commande curl copiée (elle lit le jeton dans $WEBHOOK_TOKEN)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>%n webhook(s) written to %1</source>
        <translation>
            <numerusform>%n webhook écrit dans %1</numerusform>
            <numerusform>%n webhooks écrits dans %1</numerusform>
        </translation>
    </message>
</context>
</TS>
